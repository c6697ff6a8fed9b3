// Cursors are opaque and checked (src/graphql/pagination.ts, cursor-sealing.ts): they reveal
// nothing a token may not read, and every cursor the gateway did not issue for that very list
// and ordering — forged, truncated, re-encoded, another list's or another ordering's — is
// BAD_USER_INPUT naming `after` or `before`. Proven over every connection of the schema.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { schema } from "../../src/app/schema.ts";
import { orderOf } from "../../src/data/planner/order.ts";
import { encodeCursor } from "../../src/data/planner/page.ts";
import { batchTable, cycleTable } from "../../src/domains/production/tables.ts";
import { post, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createLetterBatch } from "../letters/factories.ts";
import { createMessages } from "../messages/factories.ts";
import { createProcessStatus } from "../processes/factories.ts";
import { assignTechs, attachRelation, createUsers } from "../production/factories.ts";
import { createSubscription, drain, numbers, create, submit } from "../provisioning/factories.ts";

type Connection = { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown> };
type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;

const connections: Connection[] = Object.values(schema.getTypeMap())
  .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__"))
  .flatMap((parent) =>
    Object.values(parent.getFields())
      .filter((field) => field.args.some((arg) => arg.name === "after"))
      .map((field) => ({ parent, field })),
  );

const nameOf = ({ parent, field }: Connection) => `${parent.name}.${field.name}`;

/** Global ids of the parents nested connections are read under, and values of required arguments. */
const parents: Record<string, string> = {};
const requiredArgs: Record<string, Record<string, unknown>> = {};

beforeAll(async () => {
  const { batches, queue, workOrder } = await createBatches(2, { numberCycles: 2 });
  const [user] = await createUsers(1);
  await assignTechs(batches[0]!.id, [user!.id]);
  await attachRelation(batches[0]!.id, "created", "USER");
  const { batch: letterBatch } = await createLetterBatch({ letters: 2 });
  await createMessages(2);
  const status = await createProcessStatus();
  await createSubscription();
  await submit([create(numbers())]);
  await drain();
  Object.assign(parents, {
    Batch: globalId("Batch", batches[0]!.id),
    Queue: globalId("Queue", queue.id),
    WorkOrder: globalId("WorkOrder", workOrder.id),
    LetterBatch: globalId("LetterBatch", letterBatch.id),
  });
  requiredArgs["Query.processStatusesByEntity"] = { entityId: status.entityId, eventType: status.eventType };
  requiredArgs["Query.batchStatusSummary"] = { groupBy: "QUEUE" };
});

const required = (connection: Connection): GraphQLArgument[] =>
  connection.field.args.filter((arg) => isNonNullType(arg.type));

/** One page of the connection from `cursor` (after, or before when backwards), as `page` in the result. */
function request(connection: Connection, cursor: string | null, backwards = false, orderBy?: unknown) {
  const { parent, field } = connection;
  const args = required(connection);
  const declared = [
    `$cursor: String`,
    ...args.map((arg) => `$${arg.name}: ${arg.type}`),
    ...(orderBy ? [`$orderBy: ${field.args.find((arg) => arg.name === "orderBy")!.type}`] : []),
  ];
  const passed = [
    backwards ? "before: $cursor, last: 1" : "after: $cursor, first: 1",
    ...args.map((arg) => `${arg.name}: $${arg.name}`),
    ...(orderBy ? ["orderBy: $orderBy"] : []),
  ];
  const page = `page: ${field.name}(${passed.join(", ")}) { edges { cursor } }`;
  const nested = parent.name !== "Query";
  const query = nested
    ? `query (${[...declared, "$id: ID!"].join(", ")}) { node(id: $id) { ... on ${parent.name} { ${page} } } }`
    : `query (${declared.join(", ")}) { ${page} }`;
  const variables = {
    cursor,
    ...requiredArgs[nameOf(connection)],
    ...(orderBy ? { orderBy } : {}),
    ...(nested ? { id: parents[parent.name] } : {}),
  };
  return post<{ page?: Page; node?: { page: Page } }>({ query, variables }).then((result) => ({
    page: result.data?.node?.page ?? result.data?.page,
    errors: result.errors as Errors,
  }));
}
type Page = { edges: { cursor: string }[] };

/** A real cursor of the connection (its first item's), in an ordering when given. */
async function cursorOf(connection: Connection, orderBy?: unknown): Promise<string> {
  const { page, errors } = await request(connection, null, false, orderBy);
  expect(errors, nameOf(connection)).toBeUndefined();
  expect(page?.edges.length, `${nameOf(connection)} has data to page`).toBe(1);
  return page!.edges[0]!.cursor;
}

function expectRefused(errors: Errors, field: "after" | "before", what: string) {
  expect(
    errors?.map((error) => error.extensions),
    what,
  ).toEqual([{ code: "BAD_USER_INPUT", field }]);
}

const b64url = (text: string) => Buffer.from(text).toString("base64url");

/** Cursors in the gateway's earlier, readable format, and other JSON: none was sealed by it. */
function plainForgeries(): string[] {
  const orders = [
    "createdAt:desc",
    "createdAt:asc",
    "label:asc",
    "priority:asc",
    "dueDate:asc",
    "key",
    "letter:id",
    "group:QUEUE",
  ];
  const values: unknown[] = [
    "not-a-date",
    1,
    null,
    "",
    true,
    {},
    [],
    "2026-01-01T00:00:00.000Z",
    1e300,
    "x".repeat(300),
  ];
  const ids: unknown[] = [1, "1", null, -1, 1.5];
  const all = orders.flatMap((order) =>
    values.flatMap((value) => ids.map((id) => b64url(JSON.stringify([order, value, id])))),
  );
  // Every 16th of the 400 (a spread over orders, values and ids), plus shapes that are not cursors at all.
  return [
    ...all.filter((_, i) => i % 16 === 0),
    b64url("[]"),
    b64url("null"),
    b64url('{"id":1}'),
    b64url("[1,2]"),
    "not-a-cursor",
    "%%%",
    "🙂",
  ];
}

/** A real cursor altered: truncated, a character changed in each part, re-encoded, extended. */
function tamperings(cursor: string): string[] {
  const flip = (at: number) => cursor.slice(0, at) + (cursor[at] === "A" ? "B" : "A") + cursor.slice(at + 1);
  const standard = Buffer.from(cursor, "base64url").toString("base64");
  return [
    cursor.slice(0, -1),
    cursor.slice(0, cursor.length / 2),
    cursor.slice(0, 10),
    flip(0),
    flip(20),
    flip(Math.floor(cursor.length / 2)),
    flip(cursor.length - 3),
    flip(cursor.length - 1),
    standard,
    `${cursor}=`,
    `${cursor}A`,
    `${cursor}${cursor}`,
    ` ${cursor}`,
    cursor.toUpperCase(),
    b64url(cursor),
  ].filter((forged) => forged !== cursor);
}

async function inChunks<T>(items: T[], run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += 8) await Promise.all(items.slice(i, i + 8).map(run));
}

describe("cursors over every connection of the schema", () => {
  test("the walk sees every connection", () => {
    expect(connections.map(nameOf).sort()).toHaveLength(17);
  });

  test.each(connections.map((connection) => [nameOf(connection), connection] as const))(
    "%s",
    async (_name, connection) => {
      const own = await cursorOf(connection);
      for (const backwards of [false, true]) {
        const field = backwards ? "before" : "after";
        expect(
          (await request(connection, own, backwards)).errors,
          `${nameOf(connection)} takes its own cursor`,
        ).toBeUndefined();
        const forged = [...plainForgeries(), ...tamperings(own)];
        expect(forged.length).toBeGreaterThan(35);
        await inChunks(forged, async (cursor) =>
          expectRefused((await request(connection, cursor, backwards)).errors, field, `${cursor} as ${field}`),
        );
      }
    },
  );

  test("a cursor of one list is refused by every other list", async () => {
    const cursors = await Promise.all(connections.map((connection) => cursorOf(connection)));
    const pairs = connections.flatMap((connection, i) =>
      cursors.flatMap((cursor, j) => (i === j ? [] : [{ connection, cursor, from: nameOf(connections[j]!) }])),
    );
    expect(pairs).toHaveLength(17 * 16);
    await inChunks(pairs, async ({ connection, cursor, from }) =>
      expectRefused((await request(connection, cursor)).errors, "after", `${from} on ${nameOf(connection)}`),
    );
  });

  test("a cursor of one ordering is refused in every other ordering of its list", async () => {
    // Every connection takes an orderBy; each is tried in four orderings (two fields, both ways).
    const ordered = connections.filter((connection) => connection.field.args.some((arg) => arg.name === "orderBy"));
    // batchStatusSummary's groups (computed, not stored rows) are ordered by their id or counts.
    const unordered = connections.filter((connection) => !ordered.includes(connection)).map(nameOf);
    expect(unordered).toEqual([]);
    expect(ordered.length).toBeGreaterThan(10);
    for (const connection of ordered) {
      const input = getNamedType(connection.field.args.find((arg) => arg.name === "orderBy")!.type);
      if (!isInputObjectType(input)) throw new Error("orderBy is an input object");
      const fields = getNamedType(input.getFields().field!.type);
      if (!isEnumType(fields)) throw new Error("orderBy.field is an enum");
      const orderings = fields
        .getValues()
        .slice(0, 2)
        .flatMap((value) => ["ASC", "DESC"].map((direction) => ({ field: value.name, direction })));
      expect(orderings).toHaveLength(4);
      const cursors = await Promise.all(orderings.map((orderBy) => cursorOf(connection, orderBy)));
      for (const [i, orderBy] of orderings.entries()) {
        for (const [j, cursor] of cursors.entries()) {
          const { errors } = await request(connection, cursor, false, orderBy);
          if (i === j) expect(errors).toBeUndefined();
          else expectRefused(errors, "after", `${JSON.stringify(orderings[j])} cursor in ${JSON.stringify(orderBy)}`);
        }
      }
    }
  });

  test("a sealed cursor whose value does not fit the ordering's type is refused too", async () => {
    const batches = connections.find((connection) => nameOf(connection) === "Query.batches")!;
    const cycles = connections.find((connection) => nameOf(connection) === "Batch.cycles")!;
    const newest = orderOf(batchTable, [{ field: "createdAt", direction: "desc" }]);
    const byId = orderOf(cycleTable, [{ field: "id", direction: "asc" }]);
    const sealed = (values: unknown[]) => encodeCursor("Query.batches", newest, values as never);
    const cases = [
      [batches, sealed(["not-a-date", 1])],
      [batches, sealed([null, 1])],
      [batches, sealed([1_700_000_000_000, 1])],
      [batches, sealed(["2026-01-01T00:00:00.000Z", "1"])],
      [batches, sealed(["2026-01-01T00:00:00.000Z"])],
      [cycles, encodeCursor("Batch.cycles", byId, ["1"])],
    ] as const;
    expect((await request(batches, sealed(["2026-01-01T00:00:00.000Z", 1]))).errors).toBeUndefined();
    for (const [connection, cursor] of cases)
      expectRefused((await request(connection, cursor)).errors, "after", cursor);
  });
});

describe("cursors reveal nothing", () => {
  test("with batch:all only, cursors of batches ordered by label hold neither the labels nor anything readable", async () => {
    const { batches } = await createBatches(2);
    const labels = batches.map((batch) => batch.label);
    const query = `{ batches(first: 100, orderBy: { field: LABEL }) { edges { cursor } pageInfo { endCursor } } }`;
    const result = await post<{ batches: { edges: { cursor: string }[]; pageInfo: { endCursor: string } } }>(
      { query },
      { authorization: `Bearer ${await tokenFor(["batch:all"])}` },
    );
    const cursors = result.data!.batches.edges.map((edge) => edge.cursor);
    expect(cursors.length).toBeGreaterThanOrEqual(2);
    for (const cursor of cursors) {
      const text = Buffer.from(cursor, "base64url").toString("utf8");
      for (const label of labels) expect(text).not.toContain(label);
      expect(text).not.toContain("label:");
      expect(() => JSON.parse(text)).toThrow();
    }
    // Opaque but stable: the same position gives the same cursor, in this answer and the next.
    expect(result.data!.batches.pageInfo.endCursor).toBe(cursors.at(-1));
    const again = await post<{ batches: { edges: { cursor: string }[] } }>(
      { query },
      { authorization: `Bearer ${await tokenFor(["batch:all"])}` },
    );
    expect(again.data!.batches.edges.map((edge) => edge.cursor)).toEqual(cursors);
  });
});
