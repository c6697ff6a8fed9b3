import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post, query, recordStatements } from "../client.ts";
import { createBatch, createBatches, createQueue, globalId } from "../factories.ts";
import { BatchStatusSummaryDocument, CycleByIdDocument, CyclesPageDocument } from "../generated/graphql.ts";
import { createUsers, setCycleCategory } from "./factories.ts";

describe("cycles", () => {
  test("cycle(id:) returns the cycle with its batch", async () => {
    const { batches } = await createBatches(1);
    const cycle = await prisma.cycle.findFirstOrThrow({ where: { batchId: batches[0]!.id, position: 2 } });
    const { cycle: found } = await query(CycleByIdDocument, { id: globalId("Cycle", cycle.id) });
    expect(found).toMatchObject({
      label: cycle.label,
      position: 2,
      batch: { id: globalId("Batch", batches[0]!.id), label: batches[0]!.label },
    });
    expect((await query(CycleByIdDocument, { id: globalId("Cycle", 999_999) })).cycle).toBeNull();
  });

  test(
    "cycles filter by batch, status, retry and technician, oldest first, with their relations loaded in " +
      "constant statements",
    async () => {
      const { location, workOrder, batches } = await createBatches(3, { numberCycles: 4 });
      const [tech] = await createUsers(1);
      await setCycleCategory(batches[0]!.id, [1, 2], "IN_PROGRESS");
      await prisma.cycle.updateMany({
        where: { batchId: batches[0]!.id, position: 2 },
        data: { isRetry: true, assignedUserId: tech!.id },
      });
      const batchIds = batches.map((b) => globalId("Batch", b.id));

      const inProgress = await query(CyclesPageDocument, { filter: { batchIds, statusCategories: ["IN_PROGRESS"] } });
      expect(inProgress.cycles.totalCount).toBe(2);
      const retried = await query(CyclesPageDocument, { filter: { batchIds, isRetry: true } });
      expect(retried.cycles.edges.map((edge) => edge.node)).toEqual([
        expect.objectContaining({
          isRetry: true,
          currentStatus: { category: "IN_PROGRESS" },
          batch: { id: batchIds[0] },
          workOrder: { id: globalId("WorkOrder", workOrder.id) },
          location: { id: globalId("Location", location.id) },
          assignedUser: { id: globalId("User", tech!.id), name: tech!.name },
        }),
      ]);
      const byTech = await query(CyclesPageDocument, { filter: { assignedUserIds: [globalId("User", tech!.id)] } });
      expect(byTech.cycles.totalCount).toBe(1);

      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const { cycles } = await query(CyclesPageDocument, { first: 5, after, filter: { batchIds } });
        seen.push(...cycles.edges.map((edge) => edge.node.label));
        if (!cycles.pageInfo.hasNextPage) break;
        after = cycles.pageInfo.endCursor ?? undefined;
      }
      expect(seen).toHaveLength(12);
      expect(seen.slice(0, 4)).toEqual([1, 2, 3, 4].map((n) => `${batches[0]!.label} #${n}`));

      const count = async (first: number) =>
        (await recordStatements(() => query(CyclesPageDocument, { first, filter: { batchIds } }))).statements.length;
      expect(await count(12)).toBe(await count(2));
    },
  );
});

describe("batchStatusSummary", () => {
  test("counts batches and cycles by status category per queue, work order or location", async () => {
    const { location, queue, workOrder, batches } = await createBatches(2, { numberCycles: 3 });
    const second = await createQueue(location.id);
    const blocked = await createBatch({
      queueId: second.id,
      workOrderId: workOrder.id,
      numberCycles: 2,
      category: "BLOCKED",
    });
    await setCycleCategory(batches[0]!.id, [1], "COMPLETE");
    await setCycleCategory(blocked.id, [1, 2], "BLOCKED");

    const groups = async (groupBy: "QUEUE" | "WORK_ORDER" | "LOCATION") => {
      const { batchStatusSummary } = await query(BatchStatusSummaryDocument, { groupBy, first: 100 });
      return batchStatusSummary.edges.map((edge) => edge.node);
    };
    const byQueue = await groups("QUEUE");
    expect(byQueue.find((g) => g.queue?.id === globalId("Queue", queue.id))).toMatchObject({
      workOrder: null,
      location: null,
      batches: { pending: 2, active: 2, inActive: 0, total: 2 },
      cycles: { pending: 5, complete: 1, blocked: 0, active: 5, inActive: 1, total: 6 },
    });
    expect(byQueue.find((g) => g.queue?.id === globalId("Queue", second.id))).toMatchObject({
      batches: { pending: 0, total: 1, active: 1 },
      cycles: { blocked: 2, total: 2 },
    });
    const byWorkOrder = (await groups("WORK_ORDER")).find(
      (g) => g.workOrder?.id === globalId("WorkOrder", workOrder.id),
    );
    expect(byWorkOrder).toMatchObject({
      queue: null,
      batches: { total: 3 },
      cycles: { total: 8, blocked: 2, complete: 1 },
    });
    const byLocation = (await groups("LOCATION")).find((g) => g.location?.id === globalId("Location", location.id));
    expect(byLocation).toMatchObject({ batches: { total: 3, pending: 2 }, cycles: { total: 8, pending: 5 } });
  });

  test("where picks the batches summarized: counts, cycles and totalCount agree with the rows", async () => {
    const { queue, workOrder } = await createBatches(2, { numberCycles: 2 });
    const other = await createQueue((await prisma.queue.findUniqueOrThrow({ where: { id: queue.id } })).locationId);
    const due = new Date(Date.now() + 3 * 86_400_000);
    await createBatch({
      queueId: queue.id,
      workOrderId: workOrder.id,
      numberCycles: 3,
      category: "BLOCKED",
      dueDate: due,
    });
    await createBatch({ queueId: other.id, workOrderId: workOrder.id, numberCycles: 1, category: "BLOCKED" });
    const where = {
      currentStatus: { category: { eq: "BLOCKED" } },
      dueDate: { lt: new Date(Date.now() + 7 * 86_400_000) },
    };
    type Group = { queue: { id: string }; batches: { total: number }; cycles: { total: number } };
    const { data, errors } = await post<{ batchStatusSummary: { totalCount: number; edges: { node: Group }[] } }>({
      query: `query ($where: BatchWhere) { batchStatusSummary(groupBy: QUEUE, first: 100, where: $where) {
        totalCount edges { node { queue { id } batches { total } cycles { total } } } } }`,
      variables: { where },
    });
    expect(errors).toBeUndefined();
    // Counted from the rows: blocked batches due within the week, per queue, and their cycles.
    const rows = await prisma.batch.findMany({
      where: { statusCategory: "BLOCKED", dueDate: { lt: where.dueDate.lt } },
      select: { queueId: true, _count: { select: { cycles: true } } },
    });
    const expected = new Map<string, { batches: number; cycles: number }>();
    for (const row of rows) {
      const key = globalId("Queue", row.queueId);
      const group = expected.get(key) ?? { batches: 0, cycles: 0 };
      expected.set(key, { batches: group.batches + 1, cycles: group.cycles + row._count.cycles });
    }
    expect(expected.get(globalId("Queue", queue.id))).toEqual({ batches: 1, cycles: 3 });
    expect(expected.has(globalId("Queue", other.id))).toBe(false);
    const edges = data!.batchStatusSummary.edges;
    expect(edges).toHaveLength(expected.size);
    expect(data!.batchStatusSummary.totalCount).toBe(expected.size);
    for (const { node } of edges) {
      expect({ batches: node.batches.total, cycles: node.cycles.total }).toEqual(expected.get(node.queue.id));
    }
  });

  test("orderBy: groups by their counts, ties by id, paging forwards and backwards through every group once", async () => {
    // Six queues with 1, 3, 2, 3, 1, 2 batches; some blocked, so counts in a category differ too.
    const sizes = [1, 3, 2, 3, 1, 2];
    for (const [i, size] of sizes.entries()) {
      const { batches } = await createBatches(size, { numberCycles: 1 + (i % 3) });
      if (i % 2) await prisma.batch.update({ where: { id: batches[0]!.id }, data: { statusCategory: "BLOCKED" } });
    }
    type Group = { queue: { id: string }; batches: { total: number; blocked: number }; cycles: { total: number } };
    const GROUP = "queue { id } batches { total blocked } cycles { total }";
    const everything = await post<{ batchStatusSummary: { edges: { node: Group }[] } }>({
      query: `{ batchStatusSummary(groupBy: QUEUE, first: 100) { edges { node { ${GROUP} } } } }`,
    });
    const groups = everything.data!.batchStatusSummary.edges.map((edge) => edge.node);
    expect(groups.length).toBeGreaterThanOrEqual(sizes.length);
    const idOf = (group: Group) => Number(Buffer.from(group.queue.id, "base64").toString().split(":")[1]);
    const orderings: [object[], (a: Group, b: Group) => number][] = [
      [[{ field: "BATCHES", direction: "DESC" }], (a, b) => b.batches.total - a.batches.total || idOf(a) - idOf(b)],
      [
        [{ field: "BATCHES", category: "BLOCKED", direction: "DESC" }, { field: "CYCLES" }],
        (a, b) => b.batches.blocked - a.batches.blocked || a.cycles.total - b.cycles.total || idOf(a) - idOf(b),
      ],
      [
        [{ field: "CYCLES" }, { field: "GROUP", direction: "DESC" }],
        (a, b) => a.cycles.total - b.cycles.total || idOf(b) - idOf(a),
      ],
    ];
    expect(orderings).toHaveLength(3);
    for (const [orderBy, compare] of orderings) {
      const expected = [...groups].sort(compare).map((group) => group.queue.id);
      type Page = {
        batchStatusSummary: {
          edges: { node: Group }[];
          pageInfo: { endCursor: string; startCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
        };
      };
      const page = async (variables: object) => {
        const { data, errors } = await post<Page>({
          query: `query ($first: Int, $last: Int, $after: String, $before: String, $orderBy: [BatchStatusGroupOrder!]) {
            batchStatusSummary(groupBy: QUEUE, first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
              edges { node { ${GROUP} } } pageInfo { endCursor startCursor hasNextPage hasPreviousPage } } }`,
          variables: { ...variables, orderBy },
        });
        expect(errors, JSON.stringify(errors)).toBeUndefined();
        return data!.batchStatusSummary;
      };
      const forwards: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 50; i++) {
        const found = await page({ first: 2, after });
        forwards.push(...found.edges.map((edge) => edge.node.queue.id));
        after = found.pageInfo.endCursor;
        if (!found.pageInfo.hasNextPage) break;
      }
      expect(forwards, JSON.stringify(orderBy)).toEqual(expected);
      const backwards: string[] = [];
      let before: string | undefined;
      for (let i = 0; i < 50; i++) {
        const found = await page({ last: 3, before });
        backwards.unshift(...found.edges.map((edge) => edge.node.queue.id));
        before = found.pageInfo.startCursor;
        if (!found.pageInfo.hasPreviousPage) break;
      }
      expect(backwards, JSON.stringify(orderBy)).toEqual(expected);
    }
  });

  test("a cursor of another ordering, or a forged one, is BAD_USER_INPUT; more than 3 fields is refused", async () => {
    await createBatches(2, { numberCycles: 1 });
    const first = await post<{ batchStatusSummary: { pageInfo: { endCursor: string } } }>({
      query: `{ batchStatusSummary(groupBy: QUEUE, first: 1, orderBy: [{ field: BATCHES }]) { pageInfo { endCursor } } }`,
    });
    const cursor = first.data!.batchStatusSummary.pageInfo.endCursor;
    for (const orderBy of ["[{ field: CYCLES }]", "[]", "[{ field: BATCHES, direction: DESC }]"]) {
      const other = await post({
        query: `query ($after: String) { batchStatusSummary(groupBy: QUEUE, first: 1, after: $after, orderBy: ${orderBy}) { totalCount } }`,
        variables: { after: cursor },
      });
      expect(other.errors?.[0]?.extensions, orderBy).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    }
    const many = await post({
      query: `{ batchStatusSummary(groupBy: QUEUE, first: 1, orderBy: [${"{ field: BATCHES }, ".repeat(4)}]) { totalCount } }`,
    });
    expect(many.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "orderBy" });
  });

  test("aggregate figures the batches summarized, with where", async () => {
    await createBatches(3, { numberCycles: 2 });
    const where = { numberCycles: { gte: 2 } };
    const { data, errors } = await post<{
      batchStatusSummary: { aggregate: { count: number; sum: { numberCycles: number } } };
      batches: { aggregate: { count: number; sum: { numberCycles: number } } };
    }>({
      query: `query ($where: BatchWhere) {
        batchStatusSummary(groupBy: QUEUE, first: 1, where: $where) { aggregate { count sum { numberCycles } } }
        batches(first: 0, where: $where) { aggregate { count sum { numberCycles } } } }`,
      variables: { where },
    });
    expect(errors).toBeUndefined();
    const rows = await prisma.batch.findMany({ where: { numberCycles: { gte: 2 } }, select: { numberCycles: true } });
    expect(data!.batchStatusSummary.aggregate).toEqual({
      count: rows.length,
      sum: { numberCycles: rows.reduce((sum, row) => sum + row.numberCycles, 0) },
    });
    expect(data!.batches.aggregate).toEqual(data!.batchStatusSummary.aggregate);
  });

  test("where on batchStatusSummary is checked like every list's: an unknown operator is refused", async () => {
    const { errors } = await post({
      query: `{ batchStatusSummary(groupBy: QUEUE, first: 5, where: { label: { like: "x" } }) { totalCount } }`,
    });
    expect(errors?.[0]?.message).toMatch(/like/);
  });

  test("pages through the groups forwards and backwards in one aggregate statement per page", async () => {
    for (let i = 0; i < 3; i++) await createBatches(1, { numberCycles: 1 });
    const all = await query(BatchStatusSummaryDocument, { groupBy: "QUEUE", first: 100 });
    const queueIds = all.batchStatusSummary.edges.map((edge) => edge.node.queue!.id);
    expect(all.batchStatusSummary.totalCount).toBe(queueIds.length);
    expect(queueIds.length).toBeGreaterThanOrEqual(3);

    const { result, statements } = await recordStatements(() =>
      query(BatchStatusSummaryDocument, { groupBy: "QUEUE", first: 2 }),
    );
    expect(statements.filter((sql) => /GROUP BY/.test(sql))).toHaveLength(1);
    expect(result.batchStatusSummary.edges.map((edge) => edge.node.queue!.id)).toEqual(queueIds.slice(0, 2));
    const next = await query(BatchStatusSummaryDocument, {
      groupBy: "QUEUE",
      first: 2,
      after: result.batchStatusSummary.pageInfo.endCursor,
    });
    expect(next.batchStatusSummary.edges.map((edge) => edge.node.queue!.id)).toEqual(queueIds.slice(2, 4));
    const last = await query(BatchStatusSummaryDocument, { groupBy: "QUEUE", last: 2 });
    expect(last.batchStatusSummary.edges.map((edge) => edge.node.queue!.id)).toEqual(queueIds.slice(-2));
    expect(last.batchStatusSummary.pageInfo).toMatchObject({
      hasNextPage: false,
      hasPreviousPage: queueIds.length > 2,
    });
  });
});
