// The gateway through PgBouncer in transaction pooling mode (started by test/setup/global.ts in
// front of the run's PostgreSQL, 4 server connections per database for a pool of 10 clients):
// with DATABASE_TRANSACTION_POOLING=true no statement depends on the session it ran in before.
// A read, a mutation, an idempotent replay, a subscription event and the provisioning executor.
import { vi } from "vitest";

vi.hoisted(() => {
  if (process.env.TEST_PGBOUNCER_URL) {
    process.env.DATABASE_URL = process.env.TEST_PGBOUNCER_URL;
    process.env.DATABASE_TRANSACTION_POOLING = "true";
  }
});

import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, test } from "vitest";
import { env } from "../../src/config/env.ts";
import { post, query } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { BatchesNestedDocument, ProvisioningBatchByIdDocument } from "../generated/graphql.ts";
import { create, drain, numbers, submit } from "../provisioning/factories.ts";
import { subscribeSse } from "../subscriptions/stream.ts";

const bouncerUrl = process.env.TEST_PGBOUNCER_URL;
const UPDATE = "mutation($input: UpdateBatchInput!) { updateBatch(input: $input) { batch { label } } }";

/** PgBouncer's own view of its clients (its admin console), to show the gateway's pool goes through it. */
async function bouncerClients(database: string): Promise<number> {
  const admin = new URL(bouncerUrl!);
  admin.pathname = "/pgbouncer";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rows } = await client.query("SHOW POOLS");
    const pool = rows.find((row) => row.database === database);
    // 1.18 counts a logged-in client between transactions as active.
    return pool ? Number(pool.cl_active) + Number(pool.cl_waiting) : 0;
  } finally {
    await client.end();
  }
}

describe.skipIf(!bouncerUrl)("through PgBouncer (pool_mode = transaction)", () => {
  let batchId: string;
  beforeAll(async () => {
    expect(env.transactionPooling).toBe(true);
    const { batches } = await createBatches(3);
    batchId = globalId("Batch", batches[0]!.id);
  });

  test("reads: many at once, more clients than server connections, none failing", async () => {
    const results = await Promise.all(Array.from({ length: 30 }, () => query(BatchesNestedDocument, { first: 5 })));
    expect(results).toHaveLength(30);
    for (const result of results) expect(result.batches.edges).toHaveLength(3);
    expect(await bouncerClients(new URL(bouncerUrl!).pathname.slice(1))).toBeGreaterThan(1);
  });

  test("a mutation, and its idempotent replay answered from what the first committed", async () => {
    const requestId = randomUUID();
    const body = { query: UPDATE, variables: { input: { id: batchId, label: "through the pooler" } } };
    const first = await post<{ updateBatch: { batch: { label: string } } }>(body, { "x-request-id": requestId });
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateBatch.batch.label).toBe("through the pooler");
    const again = await post<{ updateBatch: { batch: { label: string } } }>(body, { "x-request-id": requestId });
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.data).toEqual(first.data);
  });

  test("a subscription event", async () => {
    type Event = { data: { batchStatusChanged: { label: string } } };
    const stream = await subscribeSse<Event>("subscription($id: ID!) { batchStatusChanged(id: $id) { label } }", {
      id: batchId,
    });
    try {
      await stream.next();
      const renamed = await post({
        query: UPDATE,
        variables: { input: { id: batchId, label: "announced through the pooler" } },
      });
      expect(renamed.errors).toBeUndefined();
      expect((await stream.next()).data.batchStatusChanged.label).toBe("announced through the pooler");
    } finally {
      await stream.close();
    }
  });

  test("the provisioning executor claims and runs requests", async () => {
    const { batch } = await submit([create(numbers(), "one"), create(numbers(), "two")]);
    await drain();
    const done = (await query(ProvisioningBatchByIdDocument, { id: batch.id })).provisioningBatch!;
    expect(done.status).toBe("COMPLETED");
    expect(done.requests.map((request) => request.status)).toEqual(["COMPLETED", "COMPLETED"]);
  });
});
