// Under a burst of bulk mutations a small pool makes requests wait for a connection; they wait
// within their deadline and succeed, rather than failing with 503 after a fixed pool timeout
// (5 s before) while the database is up. The deadline is 60 s here, not the default 15 s, so a
// loaded test machine does not fail it; request-deadline.test.ts checks the deadline itself.
// PostgreSQL only: PGlite has no pool.
import { expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.DB_POOL_SIZE = "2"; // read when the app's modules load, after this
  process.env.REQUEST_DEADLINE = "60s";
});

const { db } = await import("../../src/data/db.ts");
const { env } = await import("../../src/config/env.ts");
const { execute } = await import("../client.ts");
const { createLocation, createQueue, createWorkOrder, globalId } = await import("../factories.ts");
const { CreateBatchesDocument } = await import("../generated/graphql.ts");

test.skipIf(process.env.TEST_DB !== "postgres")(
  "20 concurrent createBatches (5,000 cycles each) with a pool of 2 connections all succeed",
  async () => {
    expect(env.dbPoolSize).toBe(2);
    const location = await createLocation();
    const queue = await createQueue(location.id);
    const workOrder = await createWorkOrder({ locationId: location.id });
    const input = {
      queueId: globalId("Queue", queue.id),
      workOrderId: globalId("WorkOrder", workOrder.id),
      total: 100,
      numberCycles: 50,
    };
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        execute(CreateBatchesDocument, { input: { ...input, label: `Burst ${i}` } }),
      ),
    );
    const elapsedMs = performance.now() - started;
    expect(results.map((result) => result.errors?.[0]?.extensions?.code ?? result.status)).toEqual(Array(20).fill(200));
    expect(results.every((result) => result.data?.createBatches?.batches.length === 100)).toBe(true);
    expect(await db.prisma.cycle.count({ where: { batch: { queueId: queue.id } } })).toBe(20 * 100 * 50);
    console.info(
      `20 concurrent createBatches of 5,000 cycles on ${db.kind} (pool ${env.dbPoolSize}): ${Math.round(elapsedMs)} ms`,
    );
  },
  120_000,
);
