// Every list's filters and orderings are served by an index: at scale 100 (10,000 batches,
// 200,000 cycles, …), each connection of the schema — root lists and nested ones — is asked a
// page with each of its filters alone and in each of its orderings, and the planned statement's
// EXPLAIN must read no large table with a sequential scan.
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
function argumentVariants(args: readonly { name: string; type: unknown }[]): string[] {
  const variants = [""];
  for (const arg of args) {
    const input = getNullableType(arg.type as never);
    if (!isInputObjectType(input)) continue;
    const fields = Object.values((input as GraphQLInputObjectType).getFields());
    const order = fields.find((field) => field.name === "field" && isEnumType(getNamedType(field.type)));
    if (order) {
      for (const value of (getNamedType(order.type) as never as { getValues(): { name: string }[] }).getValues()) {
        for (const direction of ["ASC", "DESC"])
          variants.push(`${arg.name}: { field: ${value.name}, direction: ${direction} }`);
      }
      continue;
    }
    for (const field of fields) {
      const value = valueFor(field.name, getNullableType(field.type));
      if (value !== undefined) variants.push(`${arg.name}: { ${field.name}: ${value} }`);
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

/** Nested connections and lists, reached from one parent found by id: [parent field, its argument, connection field]. */
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
      text: "SELECT relname AS name, reltuples::float8 AS rows FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace",
      values: [],
    } as unknown as Prisma.Sql);
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

  const cases: [string, string][] = [];
  const query = schema.getQueryType()!;
  for (const root of rootLists) {
    for (const args of argumentVariants(query.getFields()[root]!.args))
      cases.push([root, `{ ${root}(first: 20${args ? `, ${args}` : ""}) { edges { node { id } } } }`]);
  }
  for (const [parent, typename, field] of nested) {
    const type = schema.getType(typename) as GraphQLObjectType;
    for (const args of argumentVariants(type.getFields()[field]!.args)) {
      cases.push([
        `${typename}.${field}`,
        `query ($id: ID!) { ${parent}(id: $id) { ${field}(first: 20${args ? `, ${args}` : ""}) { edges { node { id } } } } }`,
      ]);
    }
  }

  test("the cases cover every root list and nested connection", () => {
    expect(new Set(cases.map(([list]) => list)).size).toBe(rootLists.length + nested.length);
    expect(cases.length).toBeGreaterThan(50);
  });

  test.each(cases)("%s: %s", async (list, text) => {
    const typename = list.includes(".") ? list.split(".")[0]! : "";
    const variables = typename ? { id: ids.get(typename) } : {};
    const { result, queries } = await recordQueries(() => post({ query: text, variables }));
    expect(result.errors).toBeUndefined();
    expect(queries.length).toBeGreaterThan(0);
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
