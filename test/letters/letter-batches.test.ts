import { describe, expect, test } from "vitest";
import { execute, query, recordStatements } from "../client.ts";
import { globalId } from "../factories.ts";
import {
  LetterBatchByIdDocument,
  LetterBatchesPageDocument,
  LetterBatchesWithLettersDocument,
} from "../generated/graphql.ts";
import { createLetterBatch, createLetterBatches } from "./factories.ts";

describe("letterBatches", () => {
  test("lists batches newest first, filtered by status, page by page with totalCount", async () => {
    const batches = await createLetterBatches(5, { status: "FORWARDED" });
    await createLetterBatches(2, { status: "ENCLOSED" });
    const newestFirst = batches.map((batch) => globalId("LetterBatch", batch.id)).reverse();
    const filter = { status: "FORWARDED" } as const;

    const first = (await query(LetterBatchesPageDocument, { first: 3, filter })).letterBatches;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(0, 3));
    expect(first.edges.every((edge) => edge.node.status === "FORWARDED")).toBe(true);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await query(LetterBatchesPageDocument, { first: 3, after: first.pageInfo.endCursor, filter }))
      .letterBatches;
    expect(second.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(3));
    expect(second.pageInfo.hasNextPage).toBe(false);
    const last = (await query(LetterBatchesPageDocument, { last: 2, filter })).letterBatches;
    expect(last.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(3));
  });

  test("a page larger than 100 or a tampered cursor is BAD_USER_INPUT", async () => {
    const big = await execute(LetterBatchesPageDocument, { first: 101 });
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const tampered = await execute(LetterBatchesPageDocument, { first: 2, after: "garbage" });
    expect(tampered.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  test("needs the letters:read scope", async () => {
    const { tokenFor } = await import("../client.ts");
    const token = await tokenFor(["messages:read"]);
    const result = await execute(LetterBatchesPageDocument, { first: 1 }, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("letterBatch", () => {
  test("returns the batch with its letters page by page, each with status, reason and history", async () => {
    const { batch, letters } = await createLetterBatch({
      status: "ACCEPTED",
      letters: 5,
      letterStatuses: ["CANCELLED"],
    });
    const id = globalId("LetterBatch", batch.id);
    const first = (await query(LetterBatchByIdDocument, { id, first: 3 })).letterBatch!;
    expect(first).toMatchObject({ id, status: "ACCEPTED", specificationId: batch.specificationId, groupId: null });
    expect(first.letters.totalCount).toBe(5);
    expect(first.letters.edges.map((edge) => edge.node.id)).toEqual(
      letters.slice(0, 3).map((l) => globalId("Letter", l.id)),
    );
    expect(first.letters.edges[0]!.node).toMatchObject({
      status: "CANCELLED",
      statusHistory: [{ status: "CANCELLED" }],
    });
    const rest = (await query(LetterBatchByIdDocument, { id, first: 3, after: first.letters.pageInfo.endCursor }))
      .letterBatch!;
    expect(rest.letters.edges.map((edge) => edge.node.id)).toEqual(
      letters.slice(3).map((l) => globalId("Letter", l.id)),
    );
    expect(rest.letters.pageInfo.hasNextPage).toBe(false);
  });

  test("is null for a missing batch and BAD_USER_INPUT for an id of another type", async () => {
    expect((await query(LetterBatchByIdDocument, { id: globalId("LetterBatch", 999_999) })).letterBatch).toBeNull();
    const wrong = await execute(LetterBatchByIdDocument, { id: globalId("Letter", 1) });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  test("letters, their batch and their histories load in the same number of statements for 2 and for 10 batches", async () => {
    await createLetterBatches(10, { status: "DESTROYED", letters: 4 });
    const count = async (first: number) => {
      const { result, statements } = await recordStatements(() =>
        query(LetterBatchesWithLettersDocument, { first, filter: { status: "DESTROYED" }, letters: 3 }),
      );
      const edges = result.letterBatches.edges;
      expect(edges).toHaveLength(first);
      expect(edges.every((edge) => edge.node.letters.edges.length === 3 && edge.node.letters.totalCount === 4)).toBe(
        true,
      );
      expect(edges[0]!.node.letters.edges[0]!.node.batch.id).toBe(edges[0]!.node.id);
      return statements.length;
    };
    const two = await count(2);
    expect(await count(10)).toBe(two);
    expect(two).toBeLessThanOrEqual(4);
  });
});
