import { describe, expect, test } from "vitest";
import { query, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { BatchesNestedDocument } from "../generated/graphql.ts";
import { setCycleCategory } from "./factories.ts";

describe("nested batch query", () => {
  test("sends the same single-digit number of statements for 5 and for 50 batches", async () => {
    await createBatches(50, { numberCycles: 12 });
    const count = async (first: number) => {
      const { result, statements } = await recordStatements(() => query(BatchesNestedDocument, { first }));
      expect(result.batches.edges).toHaveLength(first);
      for (const { node } of result.batches.edges) {
        expect(node.cycles.edges).toHaveLength(10);
        expect(node.cycles.totalCount).toBe(12);
        expect(node.cycleCounts).toMatchObject({ needed: 12, pending: 12, active: 12, inActive: 0 });
        expect(node.queue.location.label).toMatch(/^Location/);
      }
      return statements;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty.length).toBe(five.length);
    // page, totalCount, work orders, queues with their locations, cycle counts, cycles window.
    expect(five.length).toBe(6);
    expect(fifty.filter((sql) => /FROM cycle r/.test(sql))).toHaveLength(1);
  });

  test("each batch's cycles page and counts belong to that batch and follow status changes", async () => {
    const { queue, batches } = await createBatches(3, { numberCycles: 12 });
    const [a, b] = batches;
    await setCycleCategory(a!.id, [1, 2], "IN_PROGRESS");
    await setCycleCategory(a!.id, [3], "VERIFYING");
    await setCycleCategory(a!.id, [4], "BLOCKED");
    await setCycleCategory(a!.id, [5, 6, 7], "COMPLETE");
    await setCycleCategory(b!.id, [12], "CANCELLED");
    const { batches: page } = await query(BatchesNestedDocument, { first: 3, filter: { queueIds: [globalId("Queue", queue.id)] } });
    const byLabel = new Map(page.edges.map(({ node }) => [node.label, node]));
    expect(byLabel.get(a!.label)?.cycleCounts).toEqual({
      needed: 12, pending: 5, inProgress: 2, verifying: 1, complete: 3, blocked: 1, cancelled: 0, active: 9, inActive: 3,
    });
    expect(byLabel.get(b!.label)?.cycleCounts).toMatchObject({ pending: 11, cancelled: 1, active: 11, inActive: 1 });
    const aCycles = byLabel.get(a!.label)!.cycles.edges.map((edge) => edge.node);
    expect(aCycles.map((cycle) => cycle.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(aCycles.slice(0, 4).map((cycle) => cycle.currentStatus.category)).toEqual(["IN_PROGRESS", "IN_PROGRESS", "VERIFYING", "BLOCKED"]);
  });
});
