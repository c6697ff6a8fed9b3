// A request waits for a busy pool's next connection until its deadline (REQUEST_DEADLINE, set
// to 1.5 s here), then answers 503 SERVICE_UNAVAILABLE: queries (through the pool directly)
// and mutations (through Prisma's transactions) alike. PostgreSQL only: PGlite has no pool.
import { expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.DB_POOL_SIZE = "1";
  process.env.REQUEST_DEADLINE = "1500ms";
});

const { createSchema, createYoga } = await import("graphql-yoga");
const { db } = await import("../../src/data/db.ts");
const { remainingMs, requestDeadlinePlugin, withDeadline } = await import("../../src/data/deadline.ts");
const { isDatabaseUnavailable } = await import("../../src/graphql/execution/database-unavailable.ts");
const { post } = await import("../client.ts");
const { createBatches, globalId } = await import("../factories.ts");

const postgres = db.kind === "postgres";

/** Holds the pool's only connection for `ms`, as a long statement would. */
async function holdTheConnection(ms: number) {
  const client = await db.pool!.connect();
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      client.release();
      resolve();
    }, ms),
  );
  return released;
}

async function timed(body: unknown) {
  const started = performance.now();
  const result = await post<Record<string, unknown>>(body);
  return { ...result, ms: performance.now() - started };
}

const QUERY = { query: "{ batches(first: 5) { totalCount edges { node { label } } } }" };

test.skipIf(!postgres)("a request waits for a connection freed before its deadline, and is served", async () => {
  await createBatches(2);
  const held = holdTheConnection(1000);
  const result = await timed(QUERY);
  await held;
  expect(result.errors).toBeUndefined();
  expect(result.ms).toBeGreaterThan(900);
});

test.skipIf(!postgres)(
  "past its deadline a query or a mutation answers 503 SERVICE_UNAVAILABLE, at the deadline",
  async () => {
    const { batches } = await createBatches(1);
    const mutation = {
      query: "mutation($input: UpdateBatchInput!) { updateBatch(input: $input) { batch { label } } }",
      variables: { input: { id: globalId("Batch", batches[0]!.id), label: "Renamed" } },
    };
    for (const body of [QUERY, mutation]) {
      const held = holdTheConnection(4000);
      const result = await timed(body);
      await held;
      expect(result.status).toBe(503);
      expect(result.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      expect(result.ms).toBeGreaterThan(1400);
      expect(result.ms).toBeLessThan(3500);
    }
    expect((await post(QUERY)).errors).toBeUndefined();
  },
  30_000,
);

test("the deadline counts from the start of an operation's execution, and travels with its async work", async () => {
  expect(remainingMs()).toBe(1500); // outside an operation: a whole REQUEST_DEADLINE
  const yoga = createYoga({
    schema: createSchema({
      typeDefs: "type Query { remainingAfter(ms: Int!): Int! }",
      resolvers: {
        Query: {
          remainingAfter: async (_: unknown, { ms }: { ms: number }) => {
            await new Promise((resolve) => setTimeout(resolve, ms));
            return remainingMs();
          },
        },
      },
    }),
    plugins: [requestDeadlinePlugin],
  });
  const response = await yoga.fetch("http://test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ remainingAfter(ms: 400) }" }),
  });
  const remaining = ((await response.json()) as { data: { remainingAfter: number } }).data.remainingAfter;
  expect(remaining).toBeLessThanOrEqual(1100);
  expect(remaining).toBeGreaterThan(0);
});

test.skipIf(!postgres)("the pool waits as long as the current deadline allows, not a fixed time", async () => {
  const held = holdTheConnection(2500);
  const started = performance.now();
  const error = await withDeadline(300, () => db.pool!.query("SELECT 1")).catch((failure: unknown) => failure);
  const waitedMs = performance.now() - started;
  await held;
  expect(isDatabaseUnavailable(error)).toBe(true);
  expect(waitedMs).toBeGreaterThan(250);
  expect(waitedMs).toBeLessThan(1000);
});
