// The production bulk mutations (updateCycleStatuses, deleteBatches): limits before any SQL,
// atomic and per-item modes, nothing written by a refusal, one process status per call,
// set-based SQL (the statement count does not grow with the ids) and X-Request-Id replays.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { DeleteBatchesDocument, UpdateCycleStatusesDocument } from "../generated/graphql.ts";

async function cyclesOf(batchCount: number, numberCycles: number) {
  const { batches } = await createBatches(batchCount, { numberCycles });
  const cycles = await prisma.cycle.findMany({
    where: { batchId: { in: batches.map((b) => b.id) } },
    orderBy: { id: "asc" },
  });
  expect(cycles).toHaveLength(batchCount * numberCycles);
  return { batches, cycles, ids: cycles.map((cycle) => globalId("Cycle", cycle.id)) };
}

const categoriesOf = async (ids: number[]) =>
  (await prisma.cycle.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map(
    (cycle) => cycle.statusCategory,
  );

const processStatuses = (eventType: string) =>
  prisma.processStatus.findMany({ where: { eventType }, orderBy: { id: "asc" } });

const MISSING_CYCLE = globalId("Cycle", 2_000_000_000);
const MISSING_BATCH = globalId("Batch", 2_000_000_000);

describe("updateCycleStatuses", () => {
  test("atomic: moves every cycle (duplicates once) with one SUCCESS process status; the statements do not grow with the ids", async () => {
    const small = await cyclesOf(1, 2);
    const large = await cyclesOf(3, 20);
    const run = (ids: string[]) =>
      recordStatements(() => execute(UpdateCycleStatusesDocument, { input: { ids, category: "COMPLETE" } }));
    const before = (await processStatuses("UPDATE_CYCLE_STATUSES")).length;
    const { result: first, statements: few } = await run([...small.ids, small.ids[0]!]);
    const { result, statements: many } = await run(large.ids);
    expect(first.errors).toBeUndefined();
    expect(first.data!.updateCycleStatuses!.results.map((r) => [r.id, r.index, r.status])).toEqual([
      [small.ids[0], 0, "DONE"],
      [small.ids[1], 1, "DONE"],
    ]);
    expect(result.data!.updateCycleStatuses).toMatchObject({ doneCount: 60, refusedCount: 0 });
    expect(result.data!.updateCycleStatuses!.processStatus).toMatchObject({
      eventType: "UPDATE_CYCLE_STATUSES",
      status: "SUCCESS",
    });
    expect(result.data!.updateCycleStatuses!.processStatus.entityId.startsWith(large.ids[0]!)).toBe(true);
    expect(new Set(await categoriesOf(large.cycles.map((c) => c.id)))).toEqual(new Set(["COMPLETE"]));
    expect(many.length).toBe(few.length);
    expect((await processStatuses("UPDATE_CYCLE_STATUSES")).length).toBe(before + 2);
  });

  test("atomic: the first missing cycle rolls everything back, named by its index; one FAILURE process status", async () => {
    const { cycles, ids } = await cyclesOf(1, 3);
    const result = await execute(UpdateCycleStatusesDocument, {
      input: { ids: [ids[0]!, ids[1]!, MISSING_CYCLE, ids[2]!], category: "BLOCKED" },
    });
    expect(result.data?.updateCycleStatuses).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "input.ids[2]",
      id: MISSING_CYCLE,
      index: 2,
    });
    expect(await categoriesOf(cycles.map((c) => c.id))).toEqual(["PENDING", "PENDING", "PENDING"]);
    const failure = await prisma.processStatus.findUniqueOrThrow({
      where: { id: Number(atob(String(result.errors![0]!.extensions!.processStatusId)).split(":")[1]) },
    });
    expect(failure).toMatchObject({ eventType: "UPDATE_CYCLE_STATUSES", status: "FAILURE" });
  });

  test("per item: a result per id, the missing one refused NOT_FOUND with its reason, the others moved", async () => {
    const { cycles, ids } = await cyclesOf(1, 2);
    const result = await execute(UpdateCycleStatusesDocument, {
      input: {
        ids: [ids[0]!, MISSING_CYCLE, ids[1]!],
        status: { status: "Imaging", category: "IN_PROGRESS" },
        atomic: false,
      },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.updateCycleStatuses!;
    expect(payload).toMatchObject({ doneCount: 2, refusedCount: 1, processStatus: { status: "SUCCESS" } });
    expect(payload.results).toHaveLength(3);
    expect(payload.results[1]).toEqual({
      id: MISSING_CYCLE,
      index: 1,
      status: "REFUSED",
      code: "NOT_FOUND",
      reason: `cycle ${MISSING_CYCLE} does not exist`,
    });
    expect(payload.results.filter((r) => r.status === "DONE").map((r) => r.id)).toEqual([ids[0], ids[1]]);
    const stored = await prisma.cycle.findMany({ where: { id: { in: cycles.map((c) => c.id) } } });
    expect(stored.map((c) => c.statusLabel)).toEqual(["Imaging", "Imaging"]);
  });

  test("limits are checked before any SQL: too many distinct ids, none, a wrong type named by its index, status and category", async () => {
    const { ids } = await cyclesOf(1, 1);
    const many = Array.from({ length: 1001 }, (_, i) => globalId("Cycle", i + 1));
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ids: many, category: "COMPLETE" }, "LIMIT_EXCEEDED", "input.ids"],
      [{ ids: [], category: "COMPLETE" }, "BAD_USER_INPUT", "input.ids"],
      [{ ids: [ids[0]!, globalId("Batch", 1)], category: "COMPLETE" }, "BAD_USER_INPUT", "input.ids[1]"],
      [
        { ids, category: "COMPLETE", status: { status: "Done", category: "COMPLETE" } },
        "BAD_USER_INPUT",
        "input.category",
      ],
    ];
    expect(cases).toHaveLength(4);
    for (const [input, code, field] of cases) {
      const { result, statements } = await recordStatements(() =>
        execute(UpdateCycleStatusesDocument, { input: input as never }),
      );
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code, field });
      expect(statements).toEqual([]);
    }
    // 1001 entries of which 1000 are distinct are within the limit: duplicates count once.
    const withDuplicate = [...many.slice(0, 1000), many[0]!];
    const allowed = await execute(UpdateCycleStatusesDocument, {
      input: { ids: withDuplicate, category: "COMPLETE", atomic: false },
    });
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data!.updateCycleStatuses!.results).toHaveLength(1000);
  });

  test("a replay under the same X-Request-Id answers the first outcome without a second write or process status", async () => {
    const { ids } = await cyclesOf(1, 2);
    const headers = { "x-request-id": randomUUID() };
    const variables = { input: { ids, category: "VERIFYING" as const } };
    const first = await execute(UpdateCycleStatusesDocument, variables, headers);
    const count = (await processStatuses("UPDATE_CYCLE_STATUSES")).length;
    const second = await execute(UpdateCycleStatusesDocument, variables, headers);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.data).toEqual(first.data);
    expect((await processStatuses("UPDATE_CYCLE_STATUSES")).length).toBe(count);
  });
});

describe("deleteBatches", () => {
  test("atomic: deletes every batch with its cycles, one SUCCESS process status", async () => {
    const { batches } = await createBatches(3, { numberCycles: 2 });
    const ids = batches.map((b) => globalId("Batch", b.id));
    const result = await execute(DeleteBatchesDocument, { input: { ids: [...ids, ids[1]!] } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.deleteBatches).toMatchObject({
      doneCount: 3,
      refusedCount: 0,
      processStatus: { eventType: "DELETE_BATCHES", status: "SUCCESS" },
    });
    expect(result.data!.deleteBatches!.processStatus.entityId).toBe(ids.join(","));
    expect(await prisma.batch.count({ where: { id: { in: batches.map((b) => b.id) } } })).toBe(0);
    expect(await prisma.cycle.count({ where: { batchId: { in: batches.map((b) => b.id) } } })).toBe(0);
  });

  test("atomic: a missing batch deletes nothing and is named by its index", async () => {
    const { batches } = await createBatches(2);
    const ids = batches.map((b) => globalId("Batch", b.id));
    const result = await execute(DeleteBatchesDocument, {
      input: { ids: [ids[0]!, MISSING_BATCH, ids[1]!], atomic: true },
    });
    expect(result.errors![0]!.extensions).toMatchObject({
      code: "NOT_FOUND",
      field: "input.ids[1]",
      id: MISSING_BATCH,
    });
    expect(await prisma.batch.count({ where: { id: { in: batches.map((b) => b.id) } } })).toBe(2);
    expect(await prisma.cycle.count({ where: { batchId: { in: batches.map((b) => b.id) } } })).toBe(6);
  });

  test("per item: the existing batches go, the missing one is refused", async () => {
    const { batches } = await createBatches(2);
    const ids = batches.map((b) => globalId("Batch", b.id));
    const result = await execute(DeleteBatchesDocument, { input: { ids: [MISSING_BATCH, ...ids], atomic: false } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.deleteBatches!.results.map((r) => [r.id, r.status, r.code])).toEqual([
      [MISSING_BATCH, "REFUSED", "NOT_FOUND"],
      [ids[0], "DONE", null],
      [ids[1], "DONE", null],
    ]);
    expect(await prisma.batch.count({ where: { id: { in: batches.map((b) => b.id) } } })).toBe(0);
  });

  test("more than 100 distinct batches is LIMIT_EXCEEDED before any SQL", async () => {
    const ids = Array.from({ length: 101 }, (_, i) => globalId("Batch", i + 1));
    const { result, statements } = await recordStatements(() => execute(DeleteBatchesDocument, { input: { ids } }));
    expect(result.errors![0]!.extensions).toMatchObject({ code: "LIMIT_EXCEEDED", field: "input.ids", limit: 100 });
    expect(statements).toEqual([]);
  });
});
