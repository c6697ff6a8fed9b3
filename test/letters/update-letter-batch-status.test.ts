import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import {
  LetterBatchByIdDocument,
  ProcessStatusByIdDocument,
  ProcessStatusesByEntityDocument,
  UpdateLetterBatchStatusDocument,
} from "../generated/graphql.ts";
import { createLetterBatch } from "./factories.ts";
import { counted } from "../counted.ts";

const move = (batchId: number, status: string, reason: { reasonCode?: string; reasonText?: string } = {}) =>
  execute(UpdateLetterBatchStatusDocument, {
    input: { id: globalId("LetterBatch", batchId), status: status as never, ...reason },
  });

describe("updateLetterBatchStatus", () => {
  test("moves the batch and every letter that may follow, appends history, and returns a SUCCESS process status", async () => {
    const { batch, letters } = await createLetterBatch({
      status: "PRINTED",
      letters: 4,
      letterStatuses: ["CANCELLED", "ENCLOSED"],
    });
    const result = await move(batch.id, "DISPATCHED", { reasonCode: "POST-1", reasonText: "Collected by Royal Mail" });
    expect(result.errors).toBeUndefined();
    const payload = result.data!.updateLetterBatchStatus!;
    expect(payload.letterBatch).toMatchObject({
      status: "DISPATCHED",
      reasonCode: "POST-1",
      reasonText: "Collected by Royal Mail",
    });
    expect(payload.lettersMoved).toBe(3);
    expect(payload.processStatus).toMatchObject({
      eventType: "UPDATE_LETTER_BATCH_STATUS",
      entityId: globalId("LetterBatch", batch.id),
      status: "SUCCESS",
    });

    const { letterBatch } = await query(LetterBatchByIdDocument, { id: globalId("LetterBatch", batch.id) });
    const byId = new Map(letterBatch!.letters.edges.map((edge) => [edge.node.id, edge.node]));
    const cancelled = byId.get(globalId("Letter", letters[0]!.id))!;
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.statusHistory.map((change) => change.status)).toEqual(["CANCELLED"]);
    for (const letter of counted(letters.slice(1), 3)) {
      const node = byId.get(globalId("Letter", letter.id))!;
      expect(node).toMatchObject({ status: "DISPATCHED", reasonCode: "POST-1", reasonText: "Collected by Royal Mail" });
      expect(node.statusHistory.map((change) => change.status)).toEqual([letter.status, "DISPATCHED"]);
      expect(node.statusHistory[1]).toMatchObject({ reasonCode: "POST-1" });
    }
  });

  test("walks the whole lifecycle PENDING → ACCEPTED → PRINTED → ENCLOSED → DISPATCHED → DELIVERED", async () => {
    const { batch } = await createLetterBatch({ letters: 2 });
    const path = ["ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED", "DELIVERED"];
    for (const status of path)
      expect((await move(batch.id, status)).data?.updateLetterBatchStatus!.letterBatch.status).toBe(status);
    const { letterBatch } = await query(LetterBatchByIdDocument, { id: globalId("LetterBatch", batch.id) });
    for (const edge of counted(letterBatch?.letters.edges, 2)) {
      expect(edge.node.statusHistory.map((change) => change.status)).toEqual(["PENDING", ...path]);
    }
  });

  test("the returned process status can be polled by id and found by entity and event type", async () => {
    const { batch } = await createLetterBatch();
    const moved = (await move(batch.id, "ACCEPTED")).data!.updateLetterBatchStatus!.processStatus;
    const refused = (await move(batch.id, "DELIVERED")).errors![0]!.extensions!.processStatusId;
    expect((await query(ProcessStatusByIdDocument, { id: moved.id })).processStatus).toMatchObject({
      status: "SUCCESS",
    });
    const { processStatusesByEntity } = await query(ProcessStatusesByEntityDocument, {
      entityId: globalId("LetterBatch", batch.id),
      eventType: "UPDATE_LETTER_BATCH_STATUS",
    });
    expect(processStatusesByEntity.edges.map((edge) => edge.node.status)).toEqual(["FAILURE", "SUCCESS"]);
    expect(processStatusesByEntity.edges[0]!.node.id).toBe(refused);
  });

  test("a refused transition is a CONFLICT naming both statuses; nothing changes and a FAILURE is recorded", async () => {
    const { batch } = await createLetterBatch({ status: "PRINTED", letters: 2 });
    const result = await move(batch.id, "PENDING");
    expect(result.data).toEqual({ updateLetterBatchStatus: null });
    const error = result.errors?.[0];
    expect(error?.message).toMatch(/cannot move from PRINTED to PENDING/);
    expect(error?.message).toMatch(/ENCLOSED, DISPATCHED, FAILED, CANCELLED/);
    expect(error?.extensions).toMatchObject({ code: "CONFLICT", currentStatus: "PRINTED", requestedStatus: "PENDING" });
    const failureId = parseId(String(error?.extensions?.processStatusId), "ProcessStatus", "processStatusId");
    const failure = await prisma.processStatus.findUniqueOrThrow({ where: { id: failureId } });
    expect(failure).toMatchObject({ status: "FAILURE", eventType: "UPDATE_LETTER_BATCH_STATUS" });
    expect(await prisma.letter.count({ where: { batchId: batch.id, status: "PRINTED" } })).toBe(2);
    expect(await prisma.letterStatusChange.count({ where: { letter: { batchId: batch.id } } })).toBe(2);
  });

  test("two moves of one batch at once take turns: one wins, the other is refused by the status it left", async () => {
    const { batch } = await createLetterBatch({ letters: 2 });
    const results = await Promise.all([move(batch.id, "ACCEPTED"), move(batch.id, "ACCEPTED")]);
    expect(results.filter((result) => result.data?.updateLetterBatchStatus)).toHaveLength(1);
    expect(results.find((result) => result.errors)?.errors?.[0]?.extensions).toMatchObject({
      currentStatus: "ACCEPTED",
    });
    expect(
      await prisma.letterStatusChange.count({ where: { letter: { batchId: batch.id }, status: "ACCEPTED" } }),
    ).toBe(2);
  });

  test("final statuses move nowhere", async () => {
    const { batch } = await createLetterBatch({ status: "REJECTED" });
    const result = await move(batch.id, "ACCEPTED");
    expect(result.errors?.[0]?.message).toMatch(/cannot move from REJECTED to ACCEPTED: REJECTED is final/);
  });

  test("a missing batch is NOT_FOUND", async () => {
    const result = await move(999_999, "ACCEPTED");
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.id" });
  });

  test("bad input is refused before any SQL, naming the field", async () => {
    const { batch } = await createLetterBatch();
    const { statements } = await recordStatements(async () => {
      const noReason = await move(batch.id, "REJECTED");
      expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reasonCode" });
      const longCode = await move(batch.id, "ACCEPTED", { reasonCode: "X".repeat(33) });
      expect(longCode.errors?.[0]?.message).toMatch(/at most 32/);
      const longText = await move(batch.id, "ACCEPTED", { reasonText: "x".repeat(501) });
      expect(longText.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reasonText" });
      const wrongType = await execute(UpdateLetterBatchStatusDocument, {
        input: { id: globalId("Letter", 1), status: "ACCEPTED" },
      });
      expect(wrongType.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.id" });
    });
    expect(statements).toEqual([]);
  });

  test("moves 300 letters in as many statements as 3", async () => {
    const small = (await createLetterBatch({ letters: 3 })).batch;
    const large = (await createLetterBatch({ letters: 300 })).batch;
    const count = async (batchId: number, letters: number) => {
      const { result, statements } = await recordStatements(() => move(batchId, "ACCEPTED"));
      expect(result.data?.updateLetterBatchStatus!.lettersMoved).toBe(letters);
      return statements.length;
    };
    expect(await count(large.id, 300)).toBe(await count(small.id, 3));
    expect(
      await prisma.letterStatusChange.count({ where: { letter: { batchId: large.id }, status: "ACCEPTED" } }),
    ).toBe(300);
  });

  test("needs the letters:write scope", async () => {
    const { batch } = await createLetterBatch();
    const token = await tokenFor(["letters:read", "process-status:read"]);
    const result = await execute(
      UpdateLetterBatchStatusDocument,
      { input: { id: globalId("LetterBatch", batch.id), status: "ACCEPTED" } },
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect((await prisma.letterBatch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe("PENDING");
  });
});
