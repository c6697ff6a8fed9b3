// What a query may return is counted with its variables, before any SQL (src/graphql/transforms/query-cost.ts):
// every connection read needs `first` or `last`; each connection or sized list returns at most
// its size per object above it; the sum is refused above MAX_QUERY_NODES and reported in
// `extensions.cost` otherwise — over HTTP and over graphql-ws alike.
import { getNamedType, getNullableType, isCompositeType, isLeafType, isListType, isObjectType } from "graphql";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env } from "../../src/config/env.ts";
import { isConnection } from "../../src/graphql/transforms/query-cost.ts";
import { schema } from "../../src/app/schema.ts";
import { post, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { startWebSocketServer, subscribeWs } from "../subscriptions/stream.ts";

type Cost = { nodes: number; budget: number };
type Result = Awaited<ReturnType<typeof post>> & { extensions?: { cost?: Cost } };

// The query, as it was sent.
const NESTED = `query($n:Int,$m:Int,$k:Int){batches(first:$n){edges{node{label queue{batches(first:$m){edges{node{label queue{batches(first:$k){edges{node{label}}}}}}}}}}}}`;
const NESTED_LITERAL = NESTED.replace("query($n:Int,$m:Int,$k:Int)", "").replace(/\$[nmk]/g, "100");

const BOARD = `query Board($batches: Int!, $cycles: Int!) {
  batches(first: $batches) { totalCount edges { node { id label currentStatus { status } queue { label }
    cycles(first: $cycles) { edges { node { id label currentStatus { category } } } } } } }
}`;

async function withoutSql(body: unknown): Promise<Result> {
  const { result, statements } = await recordStatements(() => post(body));
  expect(statements).toEqual([]);
  return result as Result;
}

describe("the cost of a query", () => {
  test("the issue's nested query is refused before any SQL, with variables exactly as with literals", async () => {
    const byVariables = await withoutSql({ query: NESTED, variables: { n: 100, m: 100, k: 100 } });
    const byLiterals = await withoutSql({ query: NESTED_LITERAL });
    for (const result of [byVariables, byLiterals]) {
      expect(result.status).toBe(400);
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: "LIMIT_EXCEEDED",
        cost: { nodes: 1_010_100, budget: env.limits.maxNodes },
      });
      expect(result.errors?.[0]?.message).toMatch(/may return 1010100 objects; the limit is 20000 \(MAX_QUERY_NODES\)/);
    }
  });

  test("the board query (100 batches × 20 cycles) is served and reports its cost: 100 + 100 × 20", async () => {
    await createBatches(2);
    const result = (await post({ query: BOARD, variables: { batches: 100, cycles: 20 } })) as Result;
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost).toEqual({ nodes: 2_100, budget: env.limits.maxNodes });
  });

  test("a connection's aggregate and totalCount count once per parent, not once per item of its page", async () => {
    const query = `{ messages(first: 50) { totalCount edges { node { id } }
      aggregate { count groupBy(by: [STATUS], first: 1000) { count } } } }`;
    const result = (await post({ query })) as Result;
    expect(result.errors).toBeUndefined();
    // 50 messages, and at most 1000 groups beside them (not 50 × 1000).
    expect(result.extensions?.cost?.nodes).toBe(1_050);
  });

  test("a connection asked only for its aggregate or totalCount needs no first or last", async () => {
    await createBatches(2);
    const { data, errors } = await post<{ batches: { totalCount: number; aggregate: { count: number } } }>({
      query:
        "{ batches { totalCount aggregate { count groupBy(by: [CURRENT_STATUS_CATEGORY], first: 10) { count } } } }",
    });
    expect(errors).toBeUndefined();
    expect(data!.batches.aggregate.count).toBe(data!.batches.totalCount);
    expect(data!.batches.totalCount).toBeGreaterThanOrEqual(2);
  });

  test("a list's where adds its conditions once per object above it, as variables and as literals", async () => {
    await createBatches(2);
    const root = (await post({
      query: `{ batches(first: 10, where: { numberCycles: { gte: 1 }, or: [{ label: { contains: "a" } },
        { cycles: { some: {} } }] }) { edges { node { id } } } }`,
    })) as Result;
    expect(root.errors).toBeUndefined();
    // 10 batches, and three conditions: the comparison, the text, the quantifier without inner ones.
    expect(root.extensions?.cost?.nodes).toBe(13);
    const NESTED_WHERE = `query ($where: BatchWhere) { queues(first: 5) { edges { node {
      batches(first: 2, where: $where) { edges { node { id } } } } } } }`;
    const where = { numberCycles: { in: [1, 2] }, not: { dueDate: { isNull: true } } };
    const byVariables = (await post({ query: NESTED_WHERE, variables: { where } })) as Result;
    const byLiterals = (await post({
      query: NESTED_WHERE.replace("query ($where: BatchWhere)", "").replace(
        "$where",
        "{ numberCycles: { in: [1, 2] }, not: { dueDate: { isNull: true } } }",
      ),
    })) as Result;
    // 5 queues × (1 + 2 batches + 2 conditions each).
    for (const result of [byVariables, byLiterals]) {
      expect(result.errors).toBeUndefined();
      expect(result.extensions?.cost?.nodes).toBe(25);
    }
  });

  test("page sizes as variables and as literals cost the same", async () => {
    const literal = BOARD.replace("query Board($batches: Int!, $cycles: Int!)", "query")
      .replace("$batches", "7")
      .replace("$cycles", "3");
    const results = [
      await post({ query: BOARD, variables: { batches: 7, cycles: 3 } }),
      await post({ query: literal }),
    ];
    const costs = results.map((result) => (result as Result).extensions?.cost?.nodes);
    expect(costs).toEqual([28, 28]);
  });

  test("a connection read without first or last is BAD_USER_INPUT naming its path, before any SQL", async () => {
    const query = `{ batches(first: 2) { edges { node { id several: cycles { edges { node { id } } } } } } }`;
    const result = await withoutSql({ query });
    expect(result.status).toBe(400);
    const field = "batches.edges.node.several";
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(result.errors?.[0]?.message).toMatch(/give "first" or "last"/);
  });

  test("counting needs no page: totalCount alone is served, and costs nothing", async () => {
    const result = (await post({ query: `{ batches { totalCount } }` })) as Result;
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost?.nodes).toBe(0);
  });

  test("a list sized by its argument counts its length: nodes(ids:) × the page below each", async () => {
    const { batches } = await createBatches(3);
    const ids = batches.map((batch) => globalId("Batch", batch.id));
    const query = `query($ids: [ID!]!) {
      nodes(ids: $ids) { ... on Batch { cycles(first: 10) { edges { node { id } } } } }
    }`;
    const result = (await post({ query, variables: { ids } })) as Result;
    expect(result.errors).toBeUndefined();
    expect(result.extensions?.cost?.nodes).toBe(3 + 3 * 10);
  });

  test("every list of objects declares its size, or its items hold no list or connection", () => {
    const unsized: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__")) continue;
      for (const field of Object.values(type.getFields())) {
        const item = getNamedType(field.type);
        if (!isListType(getNullableType(field.type)) || !isCompositeType(item) || isConnection(field)) continue;
        if (type.name.endsWith("Connection") || field.extensions?.listSize) continue;
        const inner = isObjectType(item) ? Object.values(item.getFields()) : [];
        const leafOnly = inner.length > 0 && inner.every((innerField) => isLeafType(getNamedType(innerField.type)));
        if (!leafOnly) unsized.push(`${type.name}.${field.name}`);
      }
    }
    expect(unsized).toEqual([]);
  });

  test("every connection field says that first or last is required", () => {
    const connections = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) =>
        Object.values(type.getFields())
          .filter(isConnection)
          .map((field) => ({ coordinate: `${type.name}.${field.name}`, field })),
      );
    expect(connections.length).toBeGreaterThan(10);
    for (const { coordinate, field } of connections) {
      expect(field.description, coordinate).toMatch(/`first` or `last` \(one is required\)/);
    }
  });
});

describe("over graphql-ws", () => {
  let server: Awaited<ReturnType<typeof startWebSocketServer>>;
  beforeAll(async () => (server = await startWebSocketServer()));
  afterAll(() => server.stop());

  const WATCH = `subscription($id: ID!, $a: Int, $b: Int, $c: Int) { batchStatusChanged(id: $id) {
    cycles(first: $a) { edges { node { batch {
      cycles(first: $b) { edges { node { batch {
        cycles(first: $c) { edges { node { id } } }
      } } } }
    } } } }
  } }`;

  test("a subscription with page sizes in variables is counted the same, and refused past the budget", async () => {
    const { batches } = await createBatches(1);
    const id = globalId("Batch", batches[0]!.id);
    type Event = { data?: unknown; errors?: { extensions?: { code?: string; cost?: Cost } }[] };
    const refused = await subscribeWs<Event>(server.url, WATCH, { id, a: 100, b: 100, c: 100 });
    // Refused before it runs: a graphql-ws error message for the operation, which rejects next().
    const answer = await refused.next().catch((errors: Event["errors"]) => ({ errors }) as Event);
    await refused.close();
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", cost: { nodes: 1_010_100 } });

    const served = await subscribeWs<Event>(server.url, WATCH, { id, a: 2, b: 2, c: 2 });
    const first = await served.next();
    await served.close();
    expect(first.errors).toBeUndefined();
    expect(first.data).toMatchObject({ batchStatusChanged: { cycles: { edges: expect.any(Array) } } });
  });
});
