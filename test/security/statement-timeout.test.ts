// STATEMENT_TIMEOUT: a statement running longer is cancelled by PostgreSQL, the client gets
// LIMIT_EXCEEDED saying so, and the connection is back in the pool at once. Another session
// holding a lock on the batch table makes every statement reading it wait, Prisma's and
// db.query's alike. (PGlite cannot cancel a statement: the input limits protect it.)
import pg from "pg";
import { afterEach, beforeAll, describe, expect, inject, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.STATEMENT_TIMEOUT = "300ms";
});

import { db } from "../../src/data/db.ts";
import { post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";

let locker: pg.Client | undefined;

async function lockBatchTable() {
  locker = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await locker.connect();
  await locker.query("BEGIN");
  await locker.query("LOCK TABLE batch IN ACCESS EXCLUSIVE MODE");
}

afterEach(async () => {
  await locker?.query("ROLLBACK");
  await locker?.end();
  locker = undefined;
});

const READ = "{ batches(first: 5) { edges { node { id label } } } }";
type Errors = { errors?: readonly { extensions?: Record<string, unknown> }[] };
const codes = (result: Errors) => result.errors?.map((error) => error.extensions?.code);

describe.skipIf(inject("databaseKind") !== "postgres")("statement timeout", () => {
  let batchId: string;
  beforeAll(async () => {
    const { batches } = await createBatches(1);
    batchId = globalId("Batch", batches[0]!.id);
  });

  test("a read held up past STATEMENT_TIMEOUT is LIMIT_EXCEEDED, quickly, naming the limit", async () => {
    await lockBatchTable();
    const started = performance.now();
    const result = await post({ query: READ });
    expect(performance.now() - started).toBeLessThan(300 + 1_000);
    expect(codes(result)).toEqual(["LIMIT_EXCEEDED"]);
    expect(result.errors?.[0]?.message).toMatch(/took longer than 300 ms \(STATEMENT_TIMEOUT\)/);
    expect(result.errors?.[0]?.path).toEqual(["batches"]);
    expect(result.status).toBe(200);
  });

  test("a mutation (Prisma, in a transaction) held up past it is LIMIT_EXCEEDED too; nothing is written", async () => {
    await lockBatchTable();
    const mutation = `mutation ($input: UpdateBatchInput!) { updateBatch(input: $input) { batch { label } } }`;
    const input = { id: batchId, label: "Renamed under a lock" };
    const result = await post({ query: mutation, variables: { input } });
    expect(codes(result)).toContain("LIMIT_EXCEEDED");
    await locker!.query("ROLLBACK");
    const read = await post<{ batch: { label: string } }>({ query: `{ batch(id: "${batchId}") { label } }` });
    expect(read.data?.batch.label).not.toBe("Renamed under a lock");
  });

  test("twice the pool's size of timed-out requests leave the pool free at once", async () => {
    await lockBatchTable();
    const results = await Promise.all(Array.from({ length: 20 }, () => post({ query: READ })));
    expect(results).toHaveLength(20);
    for (const result of results) expect(codes(result)).toEqual(["LIMIT_EXCEEDED"]);
    // Still locked: the connections are idle again, and a read of another table is served.
    expect(db.pool!.waitingCount).toBe(0);
    expect(db.pool!.idleCount).toBe(db.pool!.totalCount);
    const started = performance.now();
    const other = await post({ query: "{ messages(first: 1) { totalCount } }" });
    expect(other.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(300);
  });
});
