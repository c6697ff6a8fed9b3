import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, recordStatements } from "../client.ts";
import { globalId } from "../factories.ts";
import { LetterBatchByIdDocument, UpdateLetterBatchStatusDocument } from "../generated/graphql.ts";
import { createLetterBatch } from "../letters/factories.ts";

const accept = (batchId: number, headers: Record<string, string>, status = "ACCEPTED") =>
  execute(
    UpdateLetterBatchStatusDocument,
    { input: { id: globalId("LetterBatch", batchId), status: status as never } },
    headers,
  );

const historyOf = (batchId: number) => prisma.letterStatusChange.count({ where: { letter: { batchId } } });
const recordsOf = (batchId: number) =>
  prisma.processStatus.count({ where: { entityId: globalId("LetterBatch", batchId) } });

describe("X-Correlation-Id and X-Request-Id", () => {
  test("both are echoed in the response headers", async () => {
    const requestId = randomUUID();
    const result = await execute(
      LetterBatchByIdDocument,
      { id: globalId("LetterBatch", 1) },
      {
        "x-request-id": requestId,
        "x-correlation-id": "order-42_retry-1",
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.headers.get("x-request-id")).toBe(requestId);
    expect(result.headers.get("x-correlation-id")).toBe("order-42_retry-1");
  });

  test("are generated when absent, different per request and without '.'", async () => {
    const one = await execute(LetterBatchByIdDocument, { id: globalId("LetterBatch", 1) });
    const two = await execute(LetterBatchByIdDocument, { id: globalId("LetterBatch", 1) });
    for (const name of ["x-request-id", "x-correlation-id"]) {
      expect(one.headers.get(name)).toMatch(/^[0-9a-f-]{36}$/);
      expect(one.headers.get(name)).not.toContain(".");
      expect(one.headers.get(name)).not.toBe(two.headers.get(name));
    }
  });

  test("an X-Request-Id that is not a GUID is BAD_USER_INPUT naming the header, before any SQL", async () => {
    const { batch } = await createLetterBatch();
    const { result, statements } = await recordStatements(() => accept(batch.id, { "x-request-id": "req.42" }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "X-Request-Id" });
    expect(result.errors?.[0]?.message).toMatch(/X-Request-Id must be a GUID/);
    expect(statements).toEqual([]);
    const read = await execute(
      LetterBatchByIdDocument,
      { id: globalId("LetterBatch", batch.id) },
      { "x-request-id": "nope" },
    );
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "X-Request-Id" });
  });
});

describe("idempotent mutations", () => {
  test("the same X-Request-Id again returns the first response and writes nothing twice", async () => {
    const { batch } = await createLetterBatch({ letters: 3 });
    const headers = { "x-request-id": randomUUID() };
    const first = await accept(batch.id, headers);
    expect(first.data?.updateLetterBatchStatus!.lettersMoved).toBe(3);
    const second = await accept(batch.id, headers);
    expect(second.data).toEqual(first.data);
    expect(JSON.stringify(second.data)).toBe(JSON.stringify(first.data)); // fields in the order asked
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await historyOf(batch.id)).toBe(6);
    expect(await recordsOf(batch.id)).toBe(1);
    // Without the header the same move is simply done again, and refused: ACCEPTED cannot follow ACCEPTED.
    expect((await accept(batch.id, {})).errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
  });

  test("concurrent duplicates run the mutation once and all get its response", async () => {
    const { batch } = await createLetterBatch({ letters: 2 });
    const headers = { "x-request-id": randomUUID() };
    const results = await Promise.all(Array.from({ length: 4 }, () => accept(batch.id, headers)));
    for (const result of results) expect(result.data).toEqual(results[0]!.data);
    expect(results[0]!.data?.updateLetterBatchStatus!.letterBatch.status).toBe("ACCEPTED");
    expect(await historyOf(batch.id)).toBe(4);
    expect(await recordsOf(batch.id)).toBe(1);
  });

  test("a refused first attempt is replayed as the same error, recorded once", async () => {
    const { batch } = await createLetterBatch({ status: "DELIVERED" });
    const headers = { "x-request-id": randomUUID() };
    const first = await accept(batch.id, headers, "PRINTED");
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentStatus: "DELIVERED" });
    const second = await accept(batch.id, headers, "PRINTED");
    expect(second.errors).toEqual(first.errors);
    expect(second.status).toBe(first.status);
    expect(await recordsOf(batch.id)).toBe(1);
  });

  test("an X-Request-Id reused for a different request is a CONFLICT and changes nothing", async () => {
    const { batch } = await createLetterBatch({ letters: 1 });
    const other = await createLetterBatch({ letters: 1 });
    const headers = { "x-request-id": randomUUID() };
    await accept(batch.id, headers);
    const reused = await accept(other.batch.id, headers);
    expect(reused.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "X-Request-Id" });
    expect(reused.errors?.[0]?.message).toMatch(/already used for a different request/);
    expect((await prisma.letterBatch.findUniqueOrThrow({ where: { id: other.batch.id } })).status).toBe("PENDING");
  });

  test("the stored response survives in the database, keyed by the request id", async () => {
    const { batch } = await createLetterBatch({ letters: 1 });
    const requestId = randomUUID();
    const first = await accept(batch.id, { "x-request-id": requestId });
    const stored = await prisma.idempotentRequest.findUniqueOrThrow({ where: { requestId } });
    expect(stored.operation).toMatch(/^UpdateLetterBatchStatus:/);
    expect(JSON.parse(stored.response as string)).toEqual({ data: first.data, extensions: first.extensions });
  });
});
