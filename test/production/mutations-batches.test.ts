import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { execute, query, tokenFor } from "../client.ts";
import {
  createBatches as createBatchFixtures,
  createLocation,
  createQueue,
  createWorkOrder,
  globalId,
} from "../factories.ts";
import {
  BatchCyclesDocument,
  CreateBatchDocument,
  CreateBatchesDocument,
  type CreateBatchesInput,
  DeleteBatchDocument,
  QueueBatchCountDocument,
} from "../generated/graphql.ts";
import { createUsers } from "./factories.ts";

async function target() {
  const location = await createLocation();
  const queue = await createQueue(location.id);
  const workOrder = await createWorkOrder({ locationId: location.id, dueDate: new Date("2027-03-01T00:00:00Z") });
  return {
    location,
    queue,
    workOrder,
    queueId: globalId("Queue", queue.id),
    workOrderId: globalId("WorkOrder", workOrder.id),
  };
}

const batchesIn = async (queueId: string) =>
  (await query(QueueBatchCountDocument, { filter: { queueIds: [queueId] } })).batches.totalCount;

describe("createBatch", () => {
  test("creates the batch in the queue with its PENDING cycles and a SUCCESS process status", async () => {
    const { location, queueId, workOrderId } = await target();
    const currentStatus = { status: "Reticulating Splines", category: "IN_PROGRESS", description: "Busy" } as const;
    const { createBatch } = await query(CreateBatchDocument, {
      input: { queueId, workOrderId, label: "Batch A", order: "b", numberCycles: 4, currentStatus },
    });
    expect(createBatch!.batch).toMatchObject({
      label: "Batch A",
      order: "b",
      numberCycles: 4,
      version: 1,
      dueDate: "2027-03-01T00:00:00.000Z",
      currentStatus: { status: "Reticulating Splines", category: "IN_PROGRESS", description: "Busy", order: 1 },
      queue: { id: queueId },
      workOrder: { id: workOrderId },
      location: { id: globalId("Location", location.id) },
    });
    expect(createBatch!.processStatus).toMatchObject({
      eventType: "CREATE_BATCH",
      entityId: createBatch!.batch.id,
      status: "SUCCESS",
    });

    const { batch } = await query(BatchCyclesDocument, { id: createBatch!.batch.id });
    expect(batch?.cycleCounts).toMatchObject({ needed: 4, pending: 4, active: 4, inActive: 0 });
    expect(batch?.cycles.edges.map((e) => [e.node.label, e.node.position])).toEqual([
      ["Batch A #1", 1],
      ["Batch A #2", 2],
      ["Batch A #3", 3],
      ["Batch A #4", 4],
    ]);
  });

  test.each([
    [{ numberCycles: 0 }, "input.numberCycles", /between 1 and 1000/],
    [{ numberCycles: 1001 }, "input.numberCycles", /between 1 and 1000/],
    [{ label: "  " }, "input.label", /between 1 and 200/],
    [{ order: "" }, "input.order", /between 1 and 200/],
    [
      { currentStatus: { status: "1st try", category: "PENDING" } },
      "input.currentStatus.status",
      /must start with a letter/,
    ],
    [{ currentStatus: { status: "Done!", category: "COMPLETE" } }, "input.currentStatus.status", /letters, digits/],
    [{ queueId: globalId("WorkOrder", 1) }, "input.queueId", /must be the id of a Queue/],
  ] as const)("refuses %o as BAD_USER_INPUT naming %s, writing nothing", async (change, field, message) => {
    const base = await target();
    const input = { queueId: base.queueId, workOrderId: base.workOrderId, label: "Batch", numberCycles: 2, ...change };
    const result = await execute(CreateBatchDocument, { input });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await batchesIn(base.queueId)).toBe(0);
  });

  test("an unknown queue or work order is NOT_FOUND naming the field, with a FAILURE process status", async () => {
    const { queueId, workOrderId } = await target();
    for (const [input, field] of [
      [{ queueId: globalId("Queue", 999_999), workOrderId }, "input.queueId"],
      [{ queueId, workOrderId: globalId("WorkOrder", 999_999) }, "input.workOrderId"],
    ] as const) {
      const result = await execute(CreateBatchDocument, { input: { ...input, label: "Batch", numberCycles: 2 } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field });
      const processStatusId = String(result.errors?.[0]?.extensions?.processStatusId);
      const failureId = parseId(processStatusId, "ProcessStatus", "processStatusId");
      const failure = await prisma.processStatus.findUnique({ where: { id: failureId } });
      expect(failure).toMatchObject({ eventType: "CREATE_BATCH", status: "FAILURE" });
    }
    expect(await batchesIn(queueId)).toBe(0);
  });

  test("needs the batch:create scope", async () => {
    const { queueId, workOrderId } = await target();
    const input = { queueId, workOrderId, label: "Batch", numberCycles: 1 };
    const reader = `Bearer ${await tokenFor(["batch:read", "batch:update"])}`;
    const refused = await execute(CreateBatchDocument, { input }, { authorization: reader });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const creator = `Bearer ${await tokenFor(["batch:read", "batch:create", "process-status:read"])}`;
    expect((await execute(CreateBatchDocument, { input }, { authorization: creator })).errors).toBeUndefined();
  });
});

describe("createBatches", () => {
  test("creates total batches, each with its cycles and every tech", async () => {
    const { queueId, workOrderId, workOrder } = await target();
    const users = await createUsers(2);
    const userIds = users.map((u) => globalId("User", u.id));
    const { createBatches } = await query(CreateBatchesDocument, {
      input: { queueId, workOrderId, total: 3, numberCycles: 5, userIds },
    });
    expect(createBatches!.batches.map((b) => b.label)).toEqual([1, 2, 3].map((n) => `${workOrder.label} ${n}`));
    for (const batch of createBatches!.batches) {
      expect(batch).toMatchObject({ numberCycles: 5, totalAssignedUsers: 2, queue: { id: queueId } });
      expect(batch.techs.edges.map((e) => e.node.id).sort()).toEqual([...userIds].sort());
      const { batch: read } = await query(BatchCyclesDocument, { id: batch.id });
      expect(read?.cycles.totalCount).toBe(5);
    }
    expect(createBatches!.processStatus).toMatchObject({
      eventType: "CREATE_BATCHES",
      entityId: workOrderId,
      status: "SUCCESS",
    });
  });

  test("one unknown user id is NOT_FOUND naming input.userIds[i], and nothing is written", async () => {
    const { queueId, workOrderId } = await target();
    const [user] = await createUsers(1);
    const userIds = [globalId("User", user!.id), globalId("User", 999_999)];
    const result = await execute(CreateBatchesDocument, {
      input: { queueId, workOrderId, total: 4, numberCycles: 2, userIds },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.userIds[1]" });
    expect(await batchesIn(queueId)).toBe(0);
    expect(await prisma.batchTech.count({ where: { userId: user!.id } })).toBe(0);
  });

  test.each<[Partial<CreateBatchesInput>, string, RegExp]>([
    [{ total: 0 }, "input.total", /between 1 and 100/],
    [{ total: 101 }, "input.total", /between 1 and 100/],
    [{ total: 20, numberCycles: 501 }, "input.total", /at most 10000 cycles/],
    [{ userIds: Array.from({ length: 51 }, (_, i) => globalId("User", i + 1)) }, "input.userIds", /50 users/],
    [{ userIds: ["garbage"] }, "input.userIds[0]", /must be the id of a User/],
  ])("refuses %o before any SQL, naming %s", async (change, field, message) => {
    const { queueId, workOrderId } = await target();
    const result = await execute(CreateBatchesDocument, {
      input: { queueId, workOrderId, total: 2, numberCycles: 2, ...change },
    });
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(await batchesIn(queueId)).toBe(0);
  });
});

describe("deleteBatch", () => {
  test("deletes the batch with its cycles; a second delete is NOT_FOUND", async () => {
    const { queue, batches } = await createBatchFixtures(2);
    const id = globalId("Batch", batches[0]!.id);
    const { deleteBatch } = await query(DeleteBatchDocument, { input: { id } });
    expect(deleteBatch).toMatchObject({
      deletedBatchId: id,
      processStatus: { eventType: "DELETE_BATCH", entityId: id, status: "SUCCESS" },
    });
    expect((await query(BatchCyclesDocument, { id })).batch).toBeNull();
    expect(await batchesIn(globalId("Queue", queue.id))).toBe(1);
    expect(await prisma.cycle.count({ where: { batchId: batches[0]!.id } })).toBe(0);

    const again = await execute(DeleteBatchDocument, { input: { id } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
  });
});
