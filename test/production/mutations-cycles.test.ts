import { describe, expect, test } from "vitest";
import { execute, query, recordStatements } from "../client.ts";
import { createBatch, createBatches, globalId } from "../factories.ts";
import { BatchCyclesDocument, SetCycleCategoryDocument, UpdateCycleStatusDocument } from "../generated/graphql.ts";

async function batchWithCycles(numberCycles: number) {
  const { queue, workOrder, batches } = await createBatches(1, { numberCycles });
  const id = globalId("Batch", batches[0]!.id);
  const { batch } = await query(BatchCyclesDocument, { id });
  return { queue, workOrder, id, cycles: batch!.cycles.edges.map((e) => e.node.id) };
}

describe("updateCycleStatus", () => {
  test("a custom status is stored with its category, and the batch's and queue's counts follow", async () => {
    const { queue, workOrder, cycles } = await batchWithCycles(4);
    // A second batch in the same queue: the queue counts cycles of all its batches.
    await createBatch({ queueId: queue.id, workOrderId: workOrder.id, numberCycles: 2 });
    const status = {
      status: "Reticulating Splines",
      category: "IN_PROGRESS",
      description: "Imaging",
      order: 4,
    } as const;
    const { updateCycleStatus } = await query(UpdateCycleStatusDocument, { input: { id: cycles[0]!, status } });
    expect(updateCycleStatus!.cycle).toEqual({ id: cycles[0], currentStatus: status });
    expect(updateCycleStatus!.processStatus).toMatchObject({
      eventType: "UPDATE_CYCLE_STATUS",
      entityId: cycles[0],
      status: "SUCCESS",
    });
    expect(updateCycleStatus!.batch.cycleCounts).toEqual({
      needed: 4,
      pending: 3,
      inProgress: 1,
      verifying: 0,
      complete: 0,
      blocked: 0,
      cancelled: 0,
      active: 4,
      inActive: 0,
    });
    expect(updateCycleStatus!.batch.queue.activeCycles).toBe(6);

    await query(UpdateCycleStatusDocument, { input: { id: cycles[1]!, category: "COMPLETE" } });
    await query(UpdateCycleStatusDocument, { input: { id: cycles[2]!, category: "CANCELLED" } });
    const { updateCycleStatus: last } = await query(UpdateCycleStatusDocument, {
      input: { id: cycles[3]!, category: "BLOCKED" },
    });
    expect(last!.batch.cycleCounts).toEqual({
      needed: 4,
      pending: 0,
      inProgress: 1,
      verifying: 0,
      complete: 1,
      blocked: 1,
      cancelled: 1,
      active: 2,
      inActive: 2,
    });
    expect(last!.batch.queue.activeCycles).toBe(4);
  });

  test("a bare category takes the category's default label", async () => {
    const { id, cycles } = await batchWithCycles(1);
    const { updateCycleStatus } = await query(UpdateCycleStatusDocument, {
      input: { id: cycles[0]!, category: "VERIFYING" },
    });
    expect(updateCycleStatus!.cycle.currentStatus).toEqual({
      status: "Verifying",
      category: "VERIFYING",
      description: null,
      order: 2,
    });
    const { batch } = await query(BatchCyclesDocument, { id });
    expect(batch?.cycles.edges[0]?.node.currentStatus).toEqual({ status: "Verifying", category: "VERIFYING" });
  });

  test("bad input is refused naming the field, and the cycle keeps its status", async () => {
    const { id, cycles } = await batchWithCycles(1);
    const cycle = cycles[0]!;
    const cases = [
      [{ id: cycle }, "BAD_USER_INPUT", "input.status"],
      [
        { id: cycle, category: "COMPLETE", status: { status: "Done", category: "COMPLETE" } },
        "BAD_USER_INPUT",
        "input.category",
      ],
      [{ id: cycle, status: { status: "-Done", category: "COMPLETE" } }, "BAD_USER_INPUT", "input.status.status"],
      [{ id: id, category: "COMPLETE" }, "BAD_USER_INPUT", "input.id"],
      [{ id: globalId("Cycle", 999_999), category: "COMPLETE" }, "NOT_FOUND", "input.id"],
    ] as const;
    for (const [input, code, field] of cases) {
      const result = await execute(UpdateCycleStatusDocument, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    const { batch } = await query(BatchCyclesDocument, { id });
    expect(batch?.cycleCounts).toMatchObject({ pending: 1, complete: 0 });
  });

  test("costs the same few statements whatever the batch's size", async () => {
    const count = async (numberCycles: number) => {
      const { cycles } = await batchWithCycles(numberCycles);
      const { statements } = await recordStatements(() =>
        query(SetCycleCategoryDocument, { input: { id: cycles[0]!, category: "IN_PROGRESS" } }),
      );
      return statements;
    };
    const small = await count(2);
    const large = await count(200);
    expect(large.length).toBe(small.length);
    // One statement: the cycle's UPDATE and its process status INSERT in one CTE
    // (src/domains/processes/one-statement.ts).
    expect(small).toHaveLength(1);
  });
});
