import { describe, expect, test } from "vitest";
import { post, query, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import {
  BatchesByIdsDocument,
  BatchesNestedDocument,
  BatchesPreloadedDocument,
  BatchesWithLinksDocument,
} from "../generated/graphql.ts";
import { assignTechs, attachRelation, createUsers, setCycleCategory } from "./factories.ts";

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
    // One statement: the page, everything selected below the batches (work orders, queues with
    // their locations, cycle counts, the cycles pages) and the list's totalCount.
    expect(five.length).toBe(1);
  });

  test("totalCount comes with the page's statement, also when the page is empty", async () => {
    const { queue } = await createBatches(3);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const page = `query ($filter: BatchFilter, $after: String) { batches(first: 2, after: $after, filter: $filter) { totalCount pageInfo { endCursor } edges { node { id } } } }`;
    type Page = { batches: { totalCount: number; pageInfo: { endCursor: string }; edges: unknown[] } };
    const first = await recordStatements(() => post<Page>({ query: page, variables: { filter } }));
    expect(first.result.data!.batches).toMatchObject({ totalCount: 3, edges: [expect.anything(), expect.anything()] });
    expect(first.statements).toHaveLength(1);
    const second = await post<Page>({
      query: page,
      variables: { filter, after: first.result.data!.batches.pageInfo.endCursor },
    });
    const after = second.data!.batches.pageInfo.endCursor;
    const empty = await recordStatements(() => post<Page>({ query: page, variables: { filter, after } }));
    expect(empty.result.data!.batches).toMatchObject({ totalCount: 3, edges: [] });
    expect(empty.statements).toHaveLength(1);
  });

  test("a batch planned below a page answers as the same batch planned by nodes(ids:), cursors included", async () => {
    const { queue, batches } = await createBatches(4, { numberCycles: 5 });
    await setCycleCategory(batches[0]!.id, [1, 2], "IN_PROGRESS");
    await setCycleCategory(batches[1]!.id, [5], "COMPLETE");
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const ids = batches.map((batch) => globalId("Batch", batch.id));
    const { result: page, statements } = await recordStatements(() =>
      query(BatchesPreloadedDocument, { first: 4, filter }),
    );
    expect(statements).toHaveLength(1);
    const preloaded = page.batches.edges.map((edge) => edge.node);
    const byIds = (await query(BatchesByIdsDocument, { ids: preloaded.map((node) => node.id) })).nodes;
    expect(preloaded).toEqual(byIds);
    expect(new Set(preloaded.map((node) => node.id))).toEqual(new Set(ids));
    // Paging on from the first batch's cursor: the read-ahead page starts after it too.
    const first = (await query(BatchesPreloadedDocument, { first: 4, filter })).batches.edges[0]!.node;
    const cyclesAfter = first.cycles.pageInfo.endCursor;
    const next = (await query(BatchesPreloadedDocument, { first: 4, filter, cyclesAfter })).batches.edges.find(
      (edge) => edge.node.id === first.id,
    )!.node;
    expect(next.cycles.edges.map((edge) => edge.node.position)).toEqual([4, 5]);
    expect(next).toEqual((await query(BatchesByIdsDocument, { ids: [first.id], cyclesAfter })).nodes[0]);
  });

  test("each batch's cycles page and counts belong to that batch and follow status changes", async () => {
    const { queue, batches } = await createBatches(3, { numberCycles: 12 });
    const [a, b] = batches;
    await setCycleCategory(a!.id, [1, 2], "IN_PROGRESS");
    await setCycleCategory(a!.id, [3], "VERIFYING");
    await setCycleCategory(a!.id, [4], "BLOCKED");
    await setCycleCategory(a!.id, [5, 6, 7], "COMPLETE");
    await setCycleCategory(b!.id, [12], "CANCELLED");
    const { batches: page } = await query(BatchesNestedDocument, {
      first: 3,
      filter: { queueIds: [globalId("Queue", queue.id)] },
    });
    const byLabel = new Map(page.edges.map(({ node }) => [node.label, node]));
    expect(byLabel.get(a!.label)?.cycleCounts).toEqual({
      needed: 12,
      pending: 5,
      inProgress: 2,
      verifying: 1,
      complete: 3,
      blocked: 1,
      cancelled: 0,
      active: 9,
      inActive: 3,
    });
    expect(byLabel.get(b!.label)?.cycleCounts).toMatchObject({ pending: 11, cancelled: 1, active: 11, inActive: 1 });
    const aCycles = byLabel.get(a!.label)!.cycles.edges.map((edge) => edge.node);
    expect(aCycles.map((cycle) => cycle.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(aCycles.slice(0, 4).map((cycle) => cycle.currentStatus.category)).toEqual([
      "IN_PROGRESS",
      "IN_PROGRESS",
      "VERIFYING",
      "BLOCKED",
    ]);
  });

  test("techs, assigned users, relations and the project chain of many batches cost the same statements as of one", async () => {
    const { queue, batches } = await createBatches(10, { numberCycles: 1 });
    const users = await createUsers(6);
    for (const [i, batch] of batches.entries()) {
      await assignTechs(
        batch.id,
        users.slice(0, 1 + (i % 6)).map((user) => user.id),
      );
      await attachRelation(batch.id, "created", "USER", "INWARD");
      await attachRelation(batch.id, "parent", "WORK_ORDER");
    }
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const run = (first: number) => recordStatements(() => query(BatchesWithLinksDocument, { first, filter }));
    const one = await run(1);
    const ten = await run(10);
    expect(ten.statements.length).toBe(one.statements.length);
    const nodes = ten.result.batches.edges.map((edge) => edge.node);
    // Newest first: the last batch made has the most techs.
    expect(nodes.map((node) => node.totalAssignedUsers)).toEqual([4, 3, 2, 1, 6, 5, 4, 3, 2, 1]);
    expect(nodes.map((node) => node.assignedUsers.length)).toEqual([4, 3, 2, 1, 5, 5, 4, 3, 2, 1]);
    expect(nodes.map((node) => node.techs.edges.length)).toEqual([3, 3, 2, 1, 3, 3, 3, 3, 2, 1]);
    for (const node of nodes) expect(node.relations).toMatchObject({ totalCount: 1, edges: [expect.anything()] });
    expect(new Set(nodes.map((node) => node.customer.label)).size).toBe(1);
  });
});
