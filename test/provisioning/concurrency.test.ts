// Several executors on one queue: each request runs exactly once, and work held by a
// worker that stopped is taken over once its lease expires.
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, test } from "vitest";
import { type Database, openPostgres } from "../../src/data/database.ts";
import { db, prisma } from "../../src/data/db.ts";
import { createExecutor } from "../../src/domains/provisioning/executor.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { block, create, createSubscriptions, numbers, service, submit } from "./factories.ts";

// PostgreSQL: the second executor gets its own client and connection pool, as a second
// process would. PGlite is one embedded connection, so both executors share it.
const second: Database = process.env.DATABASE_URL ? openPostgres(process.env.DATABASE_URL) : db;
afterAll(async () => {
  if (second !== db) await second.close();
});

async function requestsOf(batchGlobalId: string) {
  return prisma.provisioningRequest.findMany({
    where: { batchId: parseId(batchGlobalId, "ProvisioningBatch", "id") },
    orderBy: { position: "asc" },
  });
}

describe("two executors on one queue", () => {
  test("execute each request exactly once: one order per request, both workers share the work", {
    timeout: 120_000,
  }, async () => {
    const subscriptions = await createSubscriptions(60);
    const single = await submit(subscriptions.map((subscription) => block(`iccid:${subscription.iccid}`)));
    const chains = [numbers(), numbers(), numbers()];
    const multi = await submit(
      chains.flatMap((n) => [
        create(n),
        service("POST", `iccid:${n.iccid}`, "Data1G"),
        service("POST", `iccid:${n.iccid}`, "Voice"),
        block(`iccid:${n.iccid}`),
      ]),
      "MULTI",
    );
    const a = createExecutor({ workerId: "A", claimLimit: 5, concurrency: 3 });
    const b = createExecutor({ workerId: "B", prisma: second.prisma, claimLimit: 5, concurrency: 3 });
    const [ranA, ranB] = await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);

    expect(ranA.executed + ranB.executed).toBe(72);
    expect(ranA.executed).toBeGreaterThan(0);
    expect(ranB.executed).toBeGreaterThan(0);
    const requests = [...(await requestsOf(single.batch.id)), ...(await requestsOf(multi.batch.id))];
    expect(requests.every((request) => request.status === "COMPLETED" && request.attempts === 1)).toBe(true);
    const orders = await prisma.order.findMany({
      where: { request: { id: { in: requests.map((request) => request.id) } } },
    });
    expect(orders).toHaveLength(72);
    expect(new Set(requests.map((request) => request.orderId)).size).toBe(72);
    expect(await prisma.order.count()).toBe(72);
    expect(await prisma.provisioningEvent.count({ where: { type: "ORDER_COMPLETED" } })).toBe(72);
    const batches = await prisma.provisioningBatch.findMany({
      where: { id: { in: [single, multi].map((s) => parseId(s.batch.id, "ProvisioningBatch", "id")) } },
    });
    expect(batches.map((batch) => batch.status)).toEqual(["COMPLETED", "COMPLETED"]);
    expect(await prisma.provisioningEvent.count({ where: { type: "BATCH_COMPLETED" } })).toBe(2);
    const subscription = await prisma.subscription.findUniqueOrThrow({ where: { iccid: chains[0]!.iccid } });
    expect(subscription).toMatchObject({ blocked: true, services: [{ serviceId: "Data1G" }, { serviceId: "Voice" }] });
  });

  test("a stalled worker's requests are taken over after its lease expires, and its late return changes nothing", async () => {
    const subscriptions = await createSubscriptions(3);
    const { batch } = await submit(subscriptions.map((subscription) => block(`msisdn:${subscription.msisdn}`)));
    const ordersBefore = await prisma.order.count();
    // Stalls 2.5 s after creating each order, far beyond its 400 ms lease.
    const stalled = createExecutor({ workerId: "stalled", leaseMs: 400, orderLatencyMs: 2_500 });
    const stalledPass = stalled.runPass();
    while ((await requestsOf(batch.id)).some((request) => request.status !== "PROCESSING")) await sleep(20);

    const rescuer = createExecutor({ workerId: "rescuer", prisma: second.prisma });
    expect((await rescuer.runPass()).executed).toBe(0); // leases still held
    await sleep(450);
    expect((await rescuer.runUntilIdle()).executed).toBe(3);
    await stalledPass;

    const requests = await requestsOf(batch.id);
    expect(requests.map((request) => [request.status, request.leaseOwner, request.attempts])).toEqual([
      ["COMPLETED", "rescuer", 2],
      ["COMPLETED", "rescuer", 2],
      ["COMPLETED", "rescuer", 2],
    ]);
    // The orders the stalled worker created were executed once, by the rescuer.
    expect(await prisma.order.count()).toBe(ordersBefore + 3);
    expect(
      await prisma.provisioningEvent.count({ where: { requestId: { in: requests.map((request) => request.id) } } }),
    ).toBe(3);
    expect((await prisma.provisioningBatch.findUniqueOrThrow({ where: { id: requests[0]!.batchId } })).status).toBe(
      "COMPLETED",
    );
  });
});
