import { describe, expect, test } from "vitest";
import { execute, query, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import {
  BatchByIdDocument,
  BatchesPageDocument,
  BatchesWithRelationsDocument,
  NodeByIdDocument,
  NodesByIdsDocument,
} from "../generated/graphql.ts";

describe("batches connection", () => {
  test("pages forwards and backwards through every batch exactly once, with totalCount and pageInfo", async () => {
    const { queue, batches } = await createBatches(7);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const orderBy = { field: "CREATED_AT", direction: "ASC" } as const;

    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const { batches: page } = await query(BatchesPageDocument, { first: 3, after, filter, orderBy });
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(pages > 0);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(batches.map((batch) => globalId("Batch", batch.id)));

    const { batches: last } = await query(BatchesPageDocument, { last: 3, filter, orderBy });
    expect(last.edges.map((edge) => edge.node.id)).toEqual(seen.slice(4));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const { batches: before } = await query(BatchesPageDocument, {
      last: 3,
      before: last.pageInfo.startCursor,
      filter,
      orderBy,
    });
    expect(before.edges.map((edge) => edge.node.id)).toEqual(seen.slice(1, 4));
  });

  test("newest first by default", async () => {
    const { queue, batches } = await createBatches(22);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const { batches: page } = await query(BatchesPageDocument, { first: 20, filter });
    expect(page.edges).toHaveLength(20);
    expect(page.edges[0]?.node.id).toBe(globalId("Batch", batches[21]!.id));
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  test("a page larger than 100 is refused, naming the limit", async () => {
    const result = await execute(BatchesPageDocument, { first: 101 });
    expect(result.errors?.[0]?.message).toMatch(/at most 100/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  test("a tampered cursor is a BAD_USER_INPUT error", async () => {
    for (const after of ["not-a-cursor", Buffer.from('["label:asc","x",1]').toString("base64url")]) {
      const result = await execute(BatchesPageDocument, { first: 2, after });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
  });

  test("a filter id of the wrong type names the field", async () => {
    const result = await execute(BatchesPageDocument, { first: 20, filter: { queueIds: [globalId("WorkOrder", 1)] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.queueIds[0]" });
  });
});

describe("batch and node lookups", () => {
  test("batch(id:) returns the batch with its work order and its queue's location", async () => {
    const { location, queue, workOrder, batches } = await createBatches(1);
    const { batch } = await query(BatchByIdDocument, { id: globalId("Batch", batches[0]!.id) });
    expect(batch).toMatchObject({
      label: batches[0]!.label,
      numberCycles: 3,
      workOrder: { id: globalId("WorkOrder", workOrder.id), label: workOrder.label },
      queue: { label: queue.label, location: { label: location.label } },
    });
  });

  test("batch(id:) is null for a missing batch and an error for a malformed id", async () => {
    expect((await query(BatchByIdDocument, { id: globalId("Batch", 999_999) })).batch).toBeNull();
    const result = await execute(BatchByIdDocument, { id: "garbage" });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  test("node(id:) and nodes(ids:) resolve batches, work orders and queues", async () => {
    const { queue, workOrder, batches } = await createBatches(1);
    const ids = [globalId("Batch", batches[0]!.id), globalId("WorkOrder", workOrder.id), globalId("Queue", queue.id)];
    const { node } = await query(NodeByIdDocument, { id: ids[1]! });
    expect(node).toMatchObject({ __typename: "WorkOrder", label: workOrder.label });
    const { nodes } = await query(NodesByIdsDocument, { ids: [...ids, globalId("Batch", 999_999)] });
    expect(nodes.map((n) => n?.__typename ?? null)).toEqual(["Batch", "WorkOrder", "Queue", null]);
  });
});

describe("data loading", () => {
  test("the nested query sends the same number of statements for 5 and for 50 batches", async () => {
    await createBatches(50);
    const count = async (first: number) => {
      const { result, statements } = await recordStatements(() => query(BatchesWithRelationsDocument, { first }));
      expect(result.batches.edges).toHaveLength(first);
      return statements.length;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(fifty).toBe(five);
    expect(five).toBeLessThanOrEqual(5);
  });
});
