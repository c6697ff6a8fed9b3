// updateLetterBatchStatuses: each batch judged by the lifecycle from its own status, atomic and
// per-item modes, nothing written for a refusal (batch, letters, history), limits before any
// SQL, one process status per call, set-based SQL and X-Request-Id replays.
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import type { LetterStatus } from "../../src/generated/prisma/enums.ts";
import { execute, recordStatements } from "../client.ts";
import { globalId } from "../factories.ts";
import { UpdateLetterBatchStatusesDocument } from "../generated/graphql.ts";
import { createLetterBatch } from "./factories.ts";

const move = (
  ids: string[],
  status: LetterStatus,
  extra: { atomic?: boolean; reasonCode?: string } = {},
  headers?: Record<string, string>,
) => execute(UpdateLetterBatchStatusesDocument, { input: { ids, status, ...extra } }, headers);

async function batchesIn(statuses: LetterStatus[], letters = 2) {
  const made = [];
  for (const status of statuses) made.push(await createLetterBatch({ status, letters }));
  expect(made).toHaveLength(statuses.length);
  return { made, ids: made.map(({ batch }) => globalId("LetterBatch", batch.id)) };
}

/** Every batch's status, its letters' statuses and history length: what "nothing written" compares. */
async function snapshot(batchIds: number[]) {
  const batches = await prisma.letterBatch.findMany({ where: { id: { in: batchIds } }, orderBy: { id: "asc" } });
  const letters = await prisma.letter.findMany({ where: { batchId: { in: batchIds } }, orderBy: { id: "asc" } });
  const history = await prisma.letterStatusChange.count({ where: { letter: { batchId: { in: batchIds } } } });
  return { batches: batches.map((b) => [b.id, b.status]), letters: letters.map((l) => [l.id, l.status]), history };
}

const MISSING = globalId("LetterBatch", 2_000_000_000);

describe("updateLetterBatchStatuses", () => {
  test("atomic: batches in different statuses each follow the lifecycle, with their letters and history", async () => {
    const { made, ids } = await batchesIn(["PENDING", "ACCEPTED", "PRINTED"], 3);
    const result = await move(ids, "CANCELLED");
    expect(result.errors).toBeUndefined();
    const payload = result.data!.updateLetterBatchStatuses!;
    expect(payload).toMatchObject({ doneCount: 3, refusedCount: 0, lettersMoved: 9 });
    expect(payload.processStatus).toMatchObject({
      eventType: "UPDATE_LETTER_BATCH_STATUSES",
      entityId: ids.join(","),
      status: "SUCCESS",
    });
    const after = await snapshot(made.map(({ batch }) => batch.id));
    expect(after.batches.map(([, status]) => status)).toEqual(["CANCELLED", "CANCELLED", "CANCELLED"]);
    expect(new Set(after.letters.map(([, status]) => status))).toEqual(new Set(["CANCELLED"]));
    expect(after.history).toBe(18);
  });

  test("atomic: one batch whose status may not move rolls back every batch, named by its index with CONFLICT", async () => {
    const { made, ids } = await batchesIn(["PENDING", "DELIVERED", "ACCEPTED"]);
    const before = await snapshot(made.map(({ batch }) => batch.id));
    const result = await move(ids, "CANCELLED");
    expect(result.data?.updateLetterBatchStatuses).toBeNull();
    expect(result.errors![0]!.extensions).toMatchObject({
      code: "CONFLICT",
      field: "input.ids[1]",
      id: ids[1],
      index: 1,
    });
    expect(result.errors![0]!.message).toContain("cannot move from DELIVERED to CANCELLED");
    expect(await snapshot(made.map(({ batch }) => batch.id))).toEqual(before);
  });

  test("per item: allowed batches move; a refused transition and a missing batch are reported and left untouched", async () => {
    const { made, ids } = await batchesIn(["PENDING", "FAILED", "ACCEPTED"]);
    const refusedBefore = await snapshot([made[1]!.batch.id]);
    const result = await move([ids[0]!, ids[1]!, MISSING, ids[2]!], "CANCELLED", { atomic: false });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.updateLetterBatchStatuses!;
    expect(payload).toMatchObject({
      doneCount: 2,
      refusedCount: 2,
      lettersMoved: 4,
      processStatus: { status: "SUCCESS" },
    });
    expect(payload.results.map((r) => [r.id, r.index, r.status, r.code])).toEqual([
      [ids[0], 0, "DONE", null],
      [ids[1], 1, "REFUSED", "CONFLICT"],
      [MISSING, 2, "REFUSED", "NOT_FOUND"],
      [ids[2], 3, "DONE", null],
    ]);
    expect(payload.results[1]!.reason).toContain("FAILED is final");
    expect(await snapshot([made[1]!.batch.id])).toEqual(refusedBefore);
    const moved = await snapshot([made[0]!.batch.id, made[2]!.batch.id]);
    expect(moved.batches.map(([, status]) => status)).toEqual(["CANCELLED", "CANCELLED"]);
  });

  test("three statements move 2 batches or 20: set-based, not one per item", async () => {
    const two = await batchesIn(["PENDING", "PENDING"]);
    const twenty = await batchesIn(Array.from({ length: 20 }, () => "PENDING" as const));
    const { result: a, statements: few } = await recordStatements(() => move(two.ids, "ACCEPTED"));
    const { result: b, statements: many } = await recordStatements(() => move(twenty.ids, "ACCEPTED"));
    expect(a.errors ?? b.errors).toBeUndefined();
    expect(b.data!.updateLetterBatchStatuses!.lettersMoved).toBe(40);
    expect(many.length).toBe(few.length);
  });

  test("limits and input rules are checked before any SQL", async () => {
    const { ids } = await batchesIn(["PENDING"]);
    const tooMany = Array.from({ length: 101 }, (_, i) => globalId("LetterBatch", i + 1));
    const cases: [() => ReturnType<typeof move>, string, string][] = [
      [() => move(tooMany, "ACCEPTED"), "LIMIT_EXCEEDED", "input.ids"],
      [() => move([ids[0]!, ids[0]!, globalId("Batch", 5)], "ACCEPTED"), "BAD_USER_INPUT", "input.ids[2]"],
      [() => move(ids, "REJECTED"), "BAD_USER_INPUT", "input.reasonCode"],
    ];
    expect(cases).toHaveLength(3);
    for (const [run, code, field] of cases) {
      const { result, statements } = await recordStatements(run);
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code, field });
      expect(statements).toEqual([]);
    }
  });

  test("a replay under the same X-Request-Id answers the first outcome instead of a CONFLICT, writing nothing again", async () => {
    const { made, ids } = await batchesIn(["PENDING"]);
    const headers = { "x-request-id": randomUUID() };
    const first = await move(ids, "ACCEPTED", {}, headers);
    expect(first.errors).toBeUndefined();
    const after = await snapshot([made[0]!.batch.id]);
    const statuses = await prisma.processStatus.count({ where: { eventType: "UPDATE_LETTER_BATCH_STATUSES" } });
    const second = await move(ids, "ACCEPTED", {}, headers);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.data).toEqual(first.data);
    expect(await snapshot([made[0]!.batch.id])).toEqual(after);
    expect(await prisma.processStatus.count({ where: { eventType: "UPDATE_LETTER_BATCH_STATUSES" } })).toBe(statuses);
  });
});
