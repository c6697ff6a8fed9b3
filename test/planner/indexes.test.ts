// Every list's filters and orderings are served by an index: at scale 100 (10,000 batches,
// 200,000 cycles, …), each connection of the schema — root lists and nested ones — is asked a
// page with each of its filters alone and in each of its orderings, and the planned statement's
// EXPLAIN must read no large table with a sequential scan. `orderBy` may name any column: an
// ordering whose leading column starts an index must use it; one on a column no index starts
// sorts the filtered rows (documented on the order enum) and is only checked to answer.
import {
  type GraphQLInputObjectType,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  getNullableType,
} from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { db, prisma } from "../../src/data/db.ts";
import type { Prisma } from "../../src/generated/prisma/client.ts";
import { schema } from "../../src/app/schema.ts";
import { columnsOf, constantCase, tableOf } from "../../src/data/planner/queries/fields.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { post, recordQueries } from "../client.ts";

/** Tables with more rows than this must never be scanned whole. */
const LARGE = 5_000;

interface Plan {
  "Node Type": string;
  "Relation Name"?: string;
  Plans?: Plan[];
}

const scansOf = (plan: Plan): Plan[] => [plan, ...(plan.Plans ?? []).flatMap(scansOf)];

let large: Set<string>;
const ids = new Map<string, string>();

async function explain(text: string, values: readonly unknown[]): Promise<Plan> {
  const statement = { text: `EXPLAIN (FORMAT JSON) ${text}`, values } as unknown as Prisma.Sql;
  const [row] = await db.query<{ "QUERY PLAN": [{ Plan: Plan }] | string }>(statement);
  const json = row!["QUERY PLAN"];
  return (typeof json === "string" ? JSON.parse(json) : json)[0].Plan;
}

/** A value for one filter field: a real id, an enum value, a date, a flag or some text. */
function valueFor(name: string, type: ReturnType<typeof getNullableType>): string | undefined {
  const named = getNamedType(type);
  const list = isListType(type);
  if (!named) return undefined;
  const wrap = (value: string) => (list ? `[${value}]` : value);
  if (isEnumType(named)) return wrap(named.getValues()[0]!.name);
  switch (named.name) {
    case "ID": {
      const typename = name.replace(/Ids?$/, "").replace(/^./, (c) => c.toUpperCase());
      const id = ids.get(typename === "Batch" && name === "batchId" ? "ProvisioningBatch" : typename);
      return id ? wrap(JSON.stringify(id)) : undefined;
    }
    case "DateTime":
      return JSON.stringify("2026-06-01T00:00:00.000Z");
    case "Boolean":
      return "true";
    case "String":
      return JSON.stringify("Box");
    default:
      return undefined;
  }
}

/** Each filter alone, then each ordering both ways, as argument lists. */
/** The table and column an ordering by `value` (an order enum value) sorts on, for rows of `node`. */
function orderColumn(node: GraphQLObjectType, value: string): string {
  const table = tableOf(node);
  const column = columnsOf(node).find((field) => constantCase(field.name) === value)!;
  return `${table.sqlName.sql.replaceAll('"', "")}.${table.column(column.column)}`;
}

/** The rows' type of a connection (or list) field. */
function nodeTypeOf(type: unknown): GraphQLObjectType {
  const named = getNamedType(type as never) as unknown as GraphQLObjectType;
  const edges = named.getFields().edges;
  return edges
    ? (getNamedType((getNamedType(edges.type) as GraphQLObjectType).getFields().node!.type) as GraphQLObjectType)
    : named;
}

/** Each variant: its arguments, and for an ordering the `table.column` it sorts on first. */
function argumentVariants(field: {
  args: readonly { name: string; type: unknown }[];
  type: unknown;
}): [string, string?][] {
  const args = field.args;
  const variants: [string, string?][] = [[""]];
  for (const arg of args) {
    // `where` composes any condition; its index use is not promised, its answers are tested in list-queries.test.ts.
    if (arg.name === "where") continue;
    const nullable = getNullableType(arg.type as never);
    const input = getNamedType(nullable as never);
    if (!isInputObjectType(input)) continue;
    const wrap = (value: string) => (isListType(nullable) ? `[${value}]` : value);
    const fields = Object.values((input as GraphQLInputObjectType).getFields());
    const order = fields.find((field) => field.name === "field" && isEnumType(getNamedType(field.type)));
    if (order) {
      for (const value of (getNamedType(order.type) as never as { getValues(): { name: string }[] }).getValues()) {
        for (const direction of ["ASC", "DESC"])
          variants.push([
            `${arg.name}: ${wrap(`{ field: ${value.name}, direction: ${direction} }`)}`,
            orderColumn(nodeTypeOf(field.type), value.name),
          ]);
      }
      continue;
    }
    for (const field of fields) {
      const value = valueFor(field.name, getNullableType(field.type));
      if (value !== undefined) variants.push([`${arg.name}: { ${field.name}: ${value} }`]);
    }
  }
  return variants;
}

const rootLists = [
  "batches",
  "cycles",
  "queues",
  "workOrders",
  "letterBatches",
  "messages",
  "provisioningBatches",
  "subscriptions",
  "events",
];

/**
 * Nested connections and lists, reached from one parent found by id: [parent field, its argument, connection field].
 */
const nested: [string, string, string][] = [
  ["batch", "Batch", "cycles"],
  ["batch", "Batch", "techs"],
  ["batch", "Batch", "relations"],
  ["queue", "Queue", "batches"],
  ["workOrder", "WorkOrder", "batches"],
  ["letterBatch", "LetterBatch", "letters"],
];

describe("indexes serve every list's filters and orderings (scale 100)", () => {
  beforeAll(async () => {
    await seedDemoData(prisma, { scale: 100 });
    await db.query({ text: "ANALYZE", values: [] } as unknown as Prisma.Sql);
    const sizes = await db.query<{ name: string; rows: number }>({
      text:
        "SELECT relname AS name, reltuples::float8 AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace " +
        "= 'public'::regnamespace",
      values: [],
    } as unknown as Prisma.Sql);
    const leading = await db.query<{ name: string }>({
      text: `SELECT c.relname || '.' || a.attname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]`,
      values: [],
    } as unknown as Prisma.Sql);
    indexed = new Set(leading.map((index) => index.name));
    large = new Set(sizes.filter((table) => table.rows > LARGE).map((table) => table.name));
    expect([...large]).toEqual(expect.arrayContaining(["batch", "cycle", "letter", "message", "process_status"]));
    for (const root of ["batches", "queues", "workOrders", "letterBatches", "provisioningBatches", "cycles"]) {
      const { data } = await post<Record<string, { edges: { node: { id: string; __typename: string } }[] }>>({
        query: `{ ${root}(first: 1) { edges { node { __typename id } } } }`,
      });
      const node = data![root]!.edges[0]!.node;
      ids.set(node.__typename, node.id);
    }
    ids.set(
      "Location",
      (
        await post<{ queues: { edges: { node: { location: { id: string } } }[] } }>({
          query: "{ queues(first: 1) { edges { node { location { id } } } } }",
        })
      ).data!.queues.edges[0]!.node.location.id,
    );
  }, 600_000);

  const cases: [string, string, string | undefined][] = [];
  let indexed: Set<string>;
  const query = schema.getQueryType()!;
  for (const root of rootLists) {
    for (const [args, ordered] of argumentVariants(query.getFields()[root]!)) {
      cases.push([root, `{ ${root}(first: 20${args ? `, ${args}` : ""}) { edges { node { id } } } }`, ordered]);
    }
  }
  for (const [parent, typename, field] of nested) {
    const type = schema.getType(typename) as GraphQLObjectType;
    for (const [args, ordered] of argumentVariants(type.getFields()[field]!)) {
      const text = `query ($id: ID!) { ${parent}(id: $id) { ${field}(first: 20${args ? `, ${args}` : ""}) { edges { node { id } } } } }`;
      cases.push([`${typename}.${field}`, text, ordered]);
    }
  }

  test("the cases cover every root list and nested connection", () => {
    expect(new Set(cases.map(([list]) => list)).size).toBe(rootLists.length + nested.length);
    expect(cases.length).toBeGreaterThan(50);
  });

  test("some orderings are served by an index and some sort", () => {
    const orderings = cases.filter(([, , ordered]) => ordered);
    expect(orderings.filter(([, , ordered]) => indexed.has(ordered!)).length).toBeGreaterThan(10);
    expect(orderings.filter(([, , ordered]) => !indexed.has(ordered!)).length).toBeGreaterThan(0);
  });

  test.each(cases)("%s: %s", async (list, text, ordered) => {
    const typename = list.includes(".") ? list.split(".")[0]! : "";
    const variables = typename ? { id: ids.get(typename) } : {};
    const { result, queries } = await recordQueries(() => post({ query: text, variables }));
    expect(result.errors).toBeUndefined();
    expect(queries.length).toBeGreaterThan(0);
    if (ordered && !indexed.has(ordered)) return;
    for (const statement of queries) {
      const seqScans = scansOf(await explain(statement.text, statement.values)).filter(
        (node) => node["Node Type"] === "Seq Scan" && large.has(node["Relation Name"] ?? ""),
      );
      expect(
        seqScans.map((node) => node["Relation Name"]),
        statement.text,
      ).toEqual([]);
    }
  });
});
