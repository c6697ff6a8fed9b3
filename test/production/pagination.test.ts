import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query, recordStatements } from "../client.ts";
import { createBatch, createBatches, globalId } from "../factories.ts";
import {
  BatchCyclesPageDocument,
  type BatchCyclesPageQuery,
  BatchesCursorsDocument,
  BatchesPageDocument,
} from "../generated/graphql.ts";

describe("cursor stability", () => {
  test("batches pages forwards and backwards stay gap-free when batches are inserted between pages", async () => {
    const { queue, workOrder, batches } = await createBatches(6);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const orderBy = { field: "CREATED_AT", direction: "ASC" } as const;
    const first = await query(BatchesPageDocument, { first: 3, filter, orderBy });
    // A batch created before the cursor and one after it, while the client holds the cursor.
    const early = await createBatch({
      queueId: queue.id,
      workOrderId: workOrder.id,
      createdAt: new Date("2026-01-01T00:00:00Z"),
    });
    const late = await createBatch({
      queueId: queue.id,
      workOrderId: workOrder.id,
      createdAt: new Date("2026-06-01T00:00:00Z"),
    });
    const second = await query(BatchesPageDocument, {
      first: 3,
      after: first.batches.pageInfo.endCursor,
      filter,
      orderBy,
    });
    const ids = (page: typeof first) => page.batches.edges.map((edge) => edge.node.id);
    expect(ids(first)).toEqual(batches.slice(0, 3).map((b) => globalId("Batch", b.id)));
    expect(ids(second)).toEqual(batches.slice(3, 6).map((b) => globalId("Batch", b.id)));
    expect(second.batches.totalCount).toBe(8);
    expect(second.batches.pageInfo.hasNextPage).toBe(true);
    const third = await query(BatchesPageDocument, {
      first: 3,
      after: second.batches.pageInfo.endCursor,
      filter,
      orderBy,
    });
    expect(ids(third)).toEqual([globalId("Batch", late.id)]);

    // Backwards from the second page's start: the early insert shows up before the first batches.
    const back = await query(BatchesPageDocument, {
      last: 4,
      before: second.batches.pageInfo.startCursor,
      filter,
      orderBy,
    });
    expect(ids(back)).toEqual([early, ...batches.slice(0, 3)].map((b) => globalId("Batch", b.id)));
    expect(back.batches.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: true });
  });

  test("a batch's cycles page forwards and backwards, and a new cycle appears at the end, not in a seen page", async () => {
    const { batches } = await createBatches(1, { numberCycles: 5 });
    const batch = batches[0]!;
    const id = globalId("Batch", batch.id);
    const positions = (data: BatchCyclesPageQuery) => data.batch?.cycles.edges.map((edge) => edge.node.position);
    const one = await query(BatchCyclesPageDocument, { id, first: 2 });
    expect(positions(one)).toEqual([1, 2]);
    expect(one.batch?.cycles.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    await prisma.cycle.create({
      data: {
        label: "extra",
        position: 6,
        batchId: batch.id,
        workOrderId: batch.workOrderId,
        locationId: batch.locationId,
      },
    });
    const two = await query(BatchCyclesPageDocument, { id, first: 2, after: one.batch?.cycles.pageInfo.endCursor });
    const three = await query(BatchCyclesPageDocument, { id, first: 2, after: two.batch?.cycles.pageInfo.endCursor });
    expect(positions(two)).toEqual([3, 4]);
    expect(positions(three)).toEqual([5, 6]);
    expect(three.batch?.cycles).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: false } });

    const last = await query(BatchCyclesPageDocument, { id, last: 2 });
    expect(positions(last)).toEqual([5, 6]);
    const before = await query(BatchCyclesPageDocument, {
      id,
      last: 3,
      before: last.batch?.cycles.pageInfo.startCursor,
    });
    expect(positions(before)).toEqual([2, 3, 4]);
    expect(before.batch?.cycles.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
  });
});

describe("page limits and cursors", () => {
  test("last larger than 100 is refused on batches, naming the limit", async () => {
    const result = await execute(BatchesPageDocument, { last: 101 });
    expect(result.errors?.[0]?.message).toMatch(/at most 100/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "last" });
  });

  test("a batch's cycles refuse more than 100 and a tampered cursor", async () => {
    const { batches } = await createBatches(1);
    const id = globalId("Batch", batches[0]!.id);
    const tooMany = await execute(BatchCyclesPageDocument, { id, first: 101 });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    const tampered = await execute(BatchCyclesPageDocument, {
      id,
      first: 1,
      after: Buffer.from('["createdAt:asc","x",1]').toString("base64url"),
    });
    expect(tampered.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });

  test("a batch's cycles filtered by status category count and page only those cycles", async () => {
    const { batches } = await createBatches(1, { numberCycles: 6 });
    const batch = batches[0]!;
    await prisma.cycle.updateMany({
      where: { batchId: batch.id, position: { in: [2, 4, 5] } },
      data: { statusCategory: "COMPLETE" },
    });
    const { batch: found } = await query(BatchCyclesPageDocument, {
      id: globalId("Batch", batch.id),
      first: 2,
      filter: { status: ["COMPLETE"] },
    });
    expect(found?.cycles.totalCount).toBe(3);
    expect(found?.cycles.edges.map((edge) => edge.node.position)).toEqual([2, 4]);
    expect(found?.cycles.pageInfo.hasNextPage).toBe(true);
  });
});

describe("deep pages", () => {
  test("a page 10,000 rows deep starts its index scan at the cursor (the sort column is bounded)", async () => {
    const { queue, workOrder, location } = await createBatches(1);
    await prisma.$executeRaw`INSERT INTO batch (label, number_cycles, queue_id, work_order_id, location_id, created_at, updated_at)
      SELECT 'Deep ' || g, 1, ${queue.id}, ${workOrder.id}, ${location.id}, now() - make_interval(secs => g), now()
      FROM generate_series(1, 10100) AS g`;
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const orderBy = { field: "CREATED_AT", direction: "ASC" } as const;
    let after: string | null | undefined;
    for (let i = 0; i < 100; i++) {
      const { batches } = await query(BatchesCursorsDocument, { first: 100, after, filter, orderBy });
      after = batches.pageInfo.endCursor;
    }
    const { result, statements } = await recordStatements(() =>
      query(BatchesPageDocument, { first: 50, after, filter, orderBy }),
    );
    expect(result.batches.edges).toHaveLength(50);
    expect(result.batches.edges[0]?.node.id).toBe(
      globalId("Batch", (await prisma.batch.findFirstOrThrow({ where: { label: "Deep 101" } })).id),
    );
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/ORDER BY t\d+\."created_at" ASC/);
    expect(statements[0]).toMatch(/t\d+\."created_at" >= \$\d+::timestamptz/);
  }, 120_000);
});
