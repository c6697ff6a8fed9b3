import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { failWrites, idsUsed } from "../faults.ts";
import {
  BatchCyclesDocument,
  CreateBatchesDocument,
  QueueBatchCountDocument,
  UpdateBatchDocument,
  UpdateCycleStatusDocument,
} from "../generated/graphql.ts";

async function oneBatch(numberCycles: number) {
  const { batches } = await createBatches(1, { numberCycles, label: "Batch Z" });
  const id = globalId("Batch", batches[0]!.id);
  const read = async () => (await query(BatchCyclesDocument, { id })).batch!;
  return { id, rawId: batches[0]!.id, read };
}

const categories = (cycles: { node: { currentStatus: { category: string } } }[]) =>
  cycles.map((e) => e.node.currentStatus.category);

describe("updateBatch", () => {
  test("changes label, order and status, bumping the version", async () => {
    const { id } = await oneBatch(2);
    const currentStatus = { status: "On Hold", category: "BLOCKED", order: 9 } as const;
    const { updateBatch } = await query(UpdateBatchDocument, {
      input: { id, label: "Renamed", order: "a", currentStatus },
    });
    expect(updateBatch!.batch).toMatchObject({
      label: "Renamed",
      order: "a",
      version: 2,
      numberCycles: 2,
      currentStatus: { status: "On Hold", category: "BLOCKED", description: null, order: 9 },
    });
    expect(updateBatch!.processStatus).toMatchObject({ eventType: "UPDATE_BATCH", entityId: id, status: "SUCCESS" });
  });

  test("more cycles appends PENDING ones numbered after the last", async () => {
    const { id, read } = await oneBatch(2);
    await query(UpdateBatchDocument, { input: { id, numberCycles: 4 } });
    const batch = await read();
    expect(batch.cycleCounts).toMatchObject({ needed: 4, pending: 4 });
    expect(batch.cycles.edges.map((e) => e.node.label)).toEqual([
      "Batch Z #1",
      "Batch Z #2",
      "Batch Z #3",
      "Batch Z #4",
    ]);
  });

  test("fewer cycles cancels the last PENDING ones and leaves in-flight cycles running", async () => {
    const { id, read } = await oneBatch(5);
    const cycles = (await read()).cycles.edges.map((e) => e.node.id);
    // The last two cycles are in flight: the reduction must pass over them.
    await query(UpdateCycleStatusDocument, { input: { id: cycles[3]!, category: "IN_PROGRESS" } });
    await query(UpdateCycleStatusDocument, { input: { id: cycles[4]!, category: "VERIFYING" } });

    const { updateBatch } = await query(UpdateBatchDocument, { input: { id, numberCycles: 3 } });
    expect(updateBatch!.batch.numberCycles).toBe(3);
    const batch = await read();
    expect(categories(batch.cycles.edges)).toEqual(["PENDING", "CANCELLED", "CANCELLED", "IN_PROGRESS", "VERIFYING"]);
    expect(batch.cycleCounts).toMatchObject({
      needed: 3,
      pending: 1,
      inProgress: 1,
      verifying: 1,
      cancelled: 2,
      active: 3,
      inActive: 2,
    });
  });

  test("a reduction needing more PENDING cycles than there are is a CONFLICT saying so, and changes nothing", async () => {
    const { id, read } = await oneBatch(3);
    const cycles = (await read()).cycles.edges.map((e) => e.node.id);
    await query(UpdateCycleStatusDocument, { input: { id: cycles[0]!, category: "IN_PROGRESS" } });
    await query(UpdateCycleStatusDocument, { input: { id: cycles[1]!, category: "COMPLETE" } });

    const result = await execute(UpdateBatchDocument, { input: { id, numberCycles: 1, label: "Not applied" } });
    expect(result.errors?.[0]?.message).toMatch(/only 1 cycles are still PENDING/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "input.numberCycles" });
    const batch = await read();
    expect(batch).toMatchObject({ numberCycles: 3, version: 1 });
    expect(categories(batch.cycles.edges)).toEqual(["IN_PROGRESS", "COMPLETE", "PENDING"]);
  });

  test("a stale expectedVersion is a CONFLICT; the current one applies", async () => {
    const { id } = await oneBatch(1);
    await query(UpdateBatchDocument, { input: { id, label: "First", expectedVersion: 1 } });
    const stale = await execute(UpdateBatchDocument, { input: { id, label: "Second", expectedVersion: 1 } });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      field: "input.expectedVersion",
      currentVersion: 2,
    });
    const { updateBatch } = await query(UpdateBatchDocument, { input: { id, label: "Second", expectedVersion: 2 } });
    expect(updateBatch!.batch).toMatchObject({ label: "Second", version: 3 });
  });

  test("bad input and unknown batches are refused naming the field", async () => {
    const { id } = await oneBatch(1);
    const cases = [
      [{ id, numberCycles: 0 }, "BAD_USER_INPUT", "input.numberCycles"],
      [{ id, currentStatus: { status: "x", category: "PENDING" } }, "BAD_USER_INPUT", "input.currentStatus.status"],
      [{ id: globalId("Cycle", 1), label: "A" }, "BAD_USER_INPUT", "input.id"],
      [{ id: globalId("Batch", 999_999), label: "A" }, "NOT_FOUND", "input.id"],
    ] as const;
    for (const [input, code, field] of cases) {
      const result = await execute(UpdateBatchDocument, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
  });
});

describe("concurrent updates", () => {
  test("20 simultaneous numberCycles changes of one batch lose none: cycles match the last one applied", async () => {
    const { id, read } = await oneBatch(10);
    const targets = Array.from({ length: 20 }, (_, i) => 1 + ((i * 7) % 20));
    const results = await Promise.all(
      targets.map((numberCycles) => execute(UpdateBatchDocument, { input: { id, numberCycles } })),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const batch = await read();
    expect(batch.version).toBe(21);
    expect(batch.cycleCounts.pending).toBe(batch.numberCycles);
    expect(batch.cycleCounts.pending + batch.cycleCounts.cancelled).toBe(batch.cycles.totalCount);
  });

  test("20 simultaneous updates sending the same expectedVersion: exactly one applies, the rest are CONFLICT", async () => {
    const { id, read } = await oneBatch(1);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        execute(UpdateBatchDocument, { input: { id, expectedVersion: 1, label: `Writer ${i}` } }),
      ),
    );
    const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? "OK");
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "CONFLICT")).toHaveLength(19);
    expect((await read()).version).toBe(2);
  });

  test("20 simultaneous cycle status changes in one batch are all counted", async () => {
    const { read } = await oneBatch(20);
    const cycles = (await read()).cycles.edges.map((e) => e.node.id);
    await Promise.all(
      cycles.map((cycle) => query(UpdateCycleStatusDocument, { input: { id: cycle, category: "COMPLETE" } })),
    );
    expect((await read()).cycleCounts).toMatchObject({ complete: 20, pending: 0, inActive: 20 });
  });
});

describe("a failure half-way", () => {
  // The fault comes from outside: a trigger (test/faults.ts) makes the mutation's second write raise.
  test("after createBatches wrote its batches leaves no batch, cycle or process SUCCESS behind", async () => {
    const { queue, workOrder } = await createBatches(0);
    const queueId = globalId("Queue", queue.id);
    await failWrites({ table: "cycle", on: "INSERT", when: `NEW.work_order_id = ${workOrder.id}` });
    const batchIdsBefore = await idsUsed("batch");
    const input = { queueId, workOrderId: globalId("WorkOrder", workOrder.id), total: 3, numberCycles: 2 };
    const result = await execute(CreateBatchesDocument, { input });
    expect(result.data).toEqual({ createBatches: null });
    expect(result.errors?.[0]?.message).not.toMatch(/injected/);
    expect(await idsUsed("batch")).toBe(batchIdsBefore + 3); // the batches were written, then rolled back
    expect((await query(QueueBatchCountDocument, { filter: { queueIds: [queueId] } })).batches.totalCount).toBe(0);
    expect(await prisma.batch.count({ where: { workOrderId: workOrder.id } })).toBe(0);
    expect(await prisma.cycle.count({ where: { workOrderId: workOrder.id } })).toBe(0);
    const statuses = await prisma.processStatus.findMany({
      where: { eventType: "CREATE_BATCHES", entityId: input.workOrderId },
    });
    expect(statuses.map((s) => s.status)).toEqual(["FAILURE"]);
  });

  test("between the cycle changes and the batch update leaves nothing written, and records a FAILURE", async () => {
    const { id, rawId, read } = await oneBatch(2);
    await failWrites({ table: "batch", on: "UPDATE", when: `NEW.id = ${rawId}` });
    const cycleIdsBefore = await idsUsed("cycle");
    const result = await execute(UpdateBatchDocument, { input: { id, numberCycles: 6, label: "Never" } });
    expect(result.data).toEqual({ updateBatch: null });
    expect(result.errors?.[0]?.message).not.toMatch(/injected/);
    expect(await idsUsed("cycle")).toBe(cycleIdsBefore + 4); // the cycles were added, then rolled back
    expect(await read()).toMatchObject({ numberCycles: 2, version: 1, cycles: { totalCount: 2 } });
    expect(await prisma.cycle.count({ where: { batchId: rawId } })).toBe(2);
    const failure = await prisma.processStatus.findFirst({ where: { eventType: "UPDATE_BATCH", entityId: id } });
    expect(failure).toMatchObject({ status: "FAILURE", errorMessage: "internal error" });
  });
});
