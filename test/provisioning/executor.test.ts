import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { createExecutor } from "../../src/domains/provisioning/executor.ts";
import { provisioningExecutorJob } from "../../src/domains/provisioning/jobs.ts";
import { registeredJobs } from "../../src/app/jobs.ts";
import { query } from "../client.ts";
import {
  ProvisioningBatchByIdDocument,
  ProvisioningEventsDocument,
  SubscriptionByNumberDocument,
} from "../generated/graphql.ts";
import { block, create, createSubscription, drain, numbers, service, submit } from "./factories.ts";
import { counted } from "../counted.ts";

const batchOf = async (id: string) => (await query(ProvisioningBatchByIdDocument, { id })).provisioningBatch!;
const statuses = async (id: string) => (await batchOf(id)).requests.map((request) => request.status);

describe("executing a SINGLE batch", () => {
  test("runs every approved request: COMPLETED with an order, FAILED without one, CANCELED when the order fails", async () => {
    const n = numbers();
    const blocked = await createSubscription({ blocked: true });
    const active = await createSubscription({ services: ["Voice"] });
    const { batch } = await submit([
      create(n, "create"),
      block(`msisdn:${blocked.msisdn}`, true, "block-blocked"),
      block(`iccid:${active.iccid}`, true, "block"),
      service("POST", `msisdn:${active.msisdn}`, "Data1G", "assign"),
      service("DELETE", `msisdn:${active.msisdn}`, "Roaming", "withdraw-missing"),
      block("msisdn:46799999999", true, "missing"),
      { requestId: "rejected", method: "PUT", resource: "subscriptions" },
    ]);
    await drain();

    const done = await batchOf(batch.id);
    expect(done.status).toBe("PARTIALLY_COMPLETED");
    expect(done.completedAt).not.toBeNull();
    expect(done.processStatus).toEqual({
      status: "FAILURE",
      errorMessage: "4 of 7 requests ended REJECTED, FAILED or CANCELED",
    });
    const byId = Object.fromEntries(done.requests.map((request) => [request.requestId, request]));
    expect(byId.create).toMatchObject({ status: "COMPLETED", info: null, orderId: expect.any(Number) });
    expect(byId["block-blocked"]).toMatchObject({
      status: "CANCELED",
      info: "Subscription is already blocked",
      orderId: expect.any(Number),
    });
    expect(byId.block).toMatchObject({ status: "COMPLETED" });
    expect(byId.assign).toMatchObject({ status: "COMPLETED" });
    expect(byId["withdraw-missing"]).toMatchObject({ status: "CANCELED", info: "Service Roaming is not assigned" });
    expect(byId.missing).toMatchObject({ status: "FAILED", info: "Subscription not found", orderId: null });
    expect(byId.rejected).toMatchObject({ status: "REJECTED", orderId: null });

    const { subscription: created } = await query(SubscriptionByNumberDocument, { iccid: n.iccid });
    expect(created).toMatchObject({ msisdn: n.msisdn, state: "ACTIVE", blocked: false, services: [] });
    const { subscription: changed } = await query(SubscriptionByNumberDocument, { msisdn: active.msisdn });
    expect(changed).toMatchObject({
      blocked: true,
      services: [{ serviceId: "Voice" }, { serviceId: "Data1G", parameters: { limit: 100 } }],
    });
  });

  test("a batch whose requests all complete is COMPLETED, with its process status SUCCESS", async () => {
    const subscription = await createSubscription();
    const { batch, processStatus } = await submit([
      block(`msisdn:${subscription.msisdn}`),
      service("POST", `iccid:${subscription.iccid}`, "Data1G"),
    ]);
    expect(processStatus.status).toBe("PENDING");
    await drain();
    const done = await batchOf(batch.id);
    expect(done).toMatchObject({ status: "COMPLETED", processStatus: { status: "SUCCESS", errorMessage: null } });
    expect(await statuses(batch.id)).toEqual(["COMPLETED", "COMPLETED"]);
  });

  test("a batch with only rejected requests still finishes, PARTIALLY_COMPLETED", async () => {
    const { batch } = await submit([{ method: "GET", resource: "subscriptions" }]);
    await drain();
    expect((await batchOf(batch.id)).status).toBe("PARTIALLY_COMPLETED");
  });

  test("modify and withdraw change an assigned service; unblock of an unblocked subscription is CANCELED", async () => {
    const subscription = await createSubscription({ services: ["Data1G"] });
    const ref = `msisdn:${subscription.msisdn}`;
    const { batch } = await submit([service("PATCH", ref, "Data1G"), block(ref, false)]);
    await drain();
    expect(await statuses(batch.id)).toEqual(["COMPLETED", "CANCELED"]);
    expect((await query(SubscriptionByNumberDocument, { msisdn: subscription.msisdn })).subscription?.services).toEqual(
      [{ serviceId: "Data1G", parameters: { limit: 100 } }],
    );
    const { batch: withdraw } = await submit([service("DELETE", ref, "Data1G")]);
    await drain();
    expect(await statuses(withdraw.id)).toEqual(["COMPLETED"]);
    expect((await query(SubscriptionByNumberDocument, { msisdn: subscription.msisdn })).subscription?.services).toEqual(
      [],
    );
  });
});

describe("executing a MULTI batch", () => {
  test("runs each iccid's requests in submission order: create, then assign services on the new subscription", async () => {
    const a = numbers();
    const b = numbers();
    const { batch } = await submit(
      [
        create(a),
        service("POST", `iccid:${a.iccid}`, "Data1G"),
        create(b),
        block(`iccid:${a.iccid}`),
        service("POST", `iccid:${b.iccid}`, "Voice"),
      ],
      "MULTI",
    );
    const worker = createExecutor({ workerId: "multi" });
    const first = await worker.runPass();
    // Only the head of each iccid's chain is runnable at first.
    expect(first.executed).toBe(2);
    expect(await statuses(batch.id)).toEqual(["COMPLETED", "APPROVED", "COMPLETED", "APPROVED", "APPROVED"]);
    await worker.runUntilIdle();
    expect((await batchOf(batch.id)).status).toBe("COMPLETED");
    const { subscription } = await query(SubscriptionByNumberDocument, { iccid: a.iccid });
    expect(subscription).toMatchObject({ blocked: true, services: [{ serviceId: "Data1G" }] });
  });

  test("when a request ends CANCELED the rest of its iccid's chain stays APPROVED; other chains run on", async () => {
    const stuck = await createSubscription({ blocked: true });
    const other = await createSubscription();
    const { batch } = await submit(
      [
        block(`iccid:${stuck.iccid}`),
        service("POST", `iccid:${stuck.iccid}`, "Data1G"),
        service("POST", `iccid:${other.iccid}`, "Data1G"),
        block(`iccid:${stuck.iccid}`, false),
      ],
      "MULTI",
    );
    await drain();
    const done = await batchOf(batch.id);
    expect(done.status).toBe("PARTIALLY_COMPLETED");
    expect(done.requests.map((request) => [request.status, request.orderId === null])).toEqual([
      ["CANCELED", false],
      ["APPROVED", true],
      ["COMPLETED", false],
      ["APPROVED", true],
    ]);
    expect((await prisma.subscription.findUniqueOrThrow({ where: { id: stuck.id } })).services).toEqual([]);
  });
});

describe("events", () => {
  test("each order records ORDER_COMPLETED / ORDER_FAILED with its batch, and the batch its BATCH_* event", async () => {
    const [active, blocked] = [await createSubscription(), await createSubscription({ blocked: true })];
    const { batch } = await submit([
      block(`msisdn:${active.msisdn}`, true, "a"),
      block(`msisdn:${blocked.msisdn}`, true, "b"),
    ]);
    await drain();
    const { events } = await query(ProvisioningEventsDocument, { filter: { batchId: batch.id } });
    const types = events.edges.map((edge) => edge.node.type);
    expect(types.slice(0, 2).sort()).toEqual(["ORDER_COMPLETED", "ORDER_FAILED"].sort());
    for (const edge of counted(events.edges, { atLeast: 3 })) expect(edge.node.batch.id).toBe(batch.id);
    const orderEvent = events.edges.find((edge) => edge.node.type === "ORDER_COMPLETED")!.node;
    expect(orderEvent.payload).toMatchObject({ orderId: expect.any(Number), requestId: "a" });
    expect(orderEvent.request).toEqual({ requestId: "a", status: "COMPLETED" });
    const failed = events.edges.find((edge) => edge.node.type === "ORDER_FAILED")!.node;
    expect(failed.payload).toMatchObject({ requestId: "b", error: "Subscription is already blocked" });
    expect(events.edges[2]?.node).toMatchObject({
      type: "BATCH_PARTIALLY_COMPLETED",
      request: null,
      payload: { requests: 2, unsuccessful: 1 },
    });
  });
});

describe("the executor job", () => {
  test("is registered for the server and worker processes, and one pass runs at a time", async () => {
    expect(registeredJobs().map((job) => job.name)).toEqual(
      expect.arrayContaining(["provisioning-executor", "provisioning-retention"]),
    );
    const subscription = await createSubscription();
    const { batch } = await submit([block(`msisdn:${subscription.msisdn}`)]);
    const [first, overlapping] = await Promise.all([provisioningExecutorJob.run(), provisioningExecutorJob.run()]);
    expect(first).toMatchObject({ executed: 1 });
    expect(overlapping).toBeUndefined();
    expect((await batchOf(batch.id)).status).toBe("COMPLETED");
  });
});
