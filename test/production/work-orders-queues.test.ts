import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query, recordStatements } from "../client.ts";
import { createBatch, createLocation, createQueue, createWorkOrder, globalId } from "../factories.ts";
import {
  QueueByIdDocument,
  QueuesPageDocument,
  WorkOrderDetailsDocument,
  WorkOrdersPageDocument,
} from "../generated/graphql.ts";
import { setCycleCategory } from "./factories.ts";

const STATUSES = [
  { status: "Pending", category: "PENDING", description: "Waiting", order: 1 },
  { status: "Reticulating Splines", category: "IN_PROGRESS", description: null, order: 2 },
];

describe("work orders", () => {
  test("workOrder(id:) has its fields, project chain with allowed statuses, and a batches page", async () => {
    const workOrder = await createWorkOrder();
    const queue = await createQueue(workOrder.locationId);
    const project = await prisma.project.update({
      where: { id: workOrder.projectId },
      data: {
        allowedStatuses: STATUSES,
        customer: { update: { allowedStatuses: [...STATUSES, { status: "bad", category: "NOPE" }] } },
      },
      include: { program: true, customer: true },
    });
    const batches = [];
    for (let i = 0; i < 3; i++) batches.push(await createBatch({ queueId: queue.id, workOrderId: workOrder.id }));
    const { workOrder: found } = await query(WorkOrderDetailsDocument, {
      id: globalId("WorkOrder", workOrder.id),
      batchesFirst: 2,
    });
    expect(found).toMatchObject({
      label: workOrder.label,
      workOrderType: "device",
      dueDate: "2027-01-01T00:00:00.000Z",
      project: {
        label: project.label,
        allowedStatuses: STATUSES,
        program: { label: project.program.label, allowedStatuses: [], customer: { label: project.customer.label } },
        // Malformed stored entries are left out rather than failing the read.
        customer: { label: project.customer.label, allowedStatuses: STATUSES },
      },
      batches: { totalCount: 3, pageInfo: { hasNextPage: true } },
    });
    expect(found?.batches.edges.map((edge) => edge.node.id)).toEqual(
      batches.slice(0, 2).map((b) => globalId("Batch", b.id)),
    );
  });

  test(
    "workOrders filters by location and due date, orders by due date, and pages with its nested batches in " +
      "constant statements",
    async () => {
      const location = await createLocation();
      const due = (day: number) => new Date(Date.UTC(2027, 2, day));
      const orders = [];
      for (const day of [5, 1, 3, 4, 2])
        orders.push(await createWorkOrder({ locationId: location.id, dueDate: due(day) }));
      await createWorkOrder({ locationId: location.id, dueDate: null });
      const queue = await createQueue(location.id);
      for (const order of orders) await createBatch({ queueId: queue.id, workOrderId: order.id });
      const filter = {
        locationIds: [globalId("Location", location.id)],
        dueFrom: due(2).toISOString(),
        dueTo: due(4).toISOString(),
      };
      const orderBy = { field: "DUE_DATE", direction: "ASC" } as const;
      const page1 = await query(WorkOrdersPageDocument, { first: 2, filter, orderBy });
      expect(page1.workOrders.totalCount).toBe(3);
      expect(page1.workOrders.edges.map((edge) => edge.node.dueDate)).toEqual(
        [due(2), due(3)].map((d) => d.toISOString()),
      );
      const page2 = await query(WorkOrdersPageDocument, {
        first: 2,
        after: page1.workOrders.pageInfo.endCursor,
        filter,
        orderBy,
      });
      expect(page2.workOrders.edges.map((edge) => edge.node.dueDate)).toEqual([due(4).toISOString()]);
      expect(page2.workOrders.edges[0]?.node.batches.totalCount).toBe(1);

      const all = { locationIds: [globalId("Location", location.id)] };
      const count = async (first: number) =>
        (await recordStatements(() => query(WorkOrdersPageDocument, { first, filter: all, orderBy }))).statements
          .length;
      expect(await count(6)).toBe(await count(1));
      const { workOrders } = await query(WorkOrdersPageDocument, { last: 1, filter: all, orderBy });
      expect(workOrders.edges[0]?.node.dueDate).toBeNull();
    },
  );

  test("a work order filter id of the wrong type names the field", async () => {
    const result = await execute(WorkOrdersPageDocument, { first: 20, filter: { projectIds: [globalId("Queue", 1)] } });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.projectIds[0]" });
  });
});

describe("queues", () => {
  test("active work orders, batches and cycles and the due-date range count only active work", async () => {
    const location = await createLocation();
    const queue = await createQueue(location.id);
    const early = await createWorkOrder({ locationId: location.id, dueDate: new Date("2027-01-10T00:00:00Z") });
    const late = await createWorkOrder({ locationId: location.id, dueDate: new Date("2027-05-10T00:00:00Z") });
    const done = await createWorkOrder({ locationId: location.id, dueDate: new Date("2026-01-01T00:00:00Z") });
    const a = await createBatch({ queueId: queue.id, workOrderId: early.id, numberCycles: 4, dueDate: early.dueDate });
    await createBatch({
      queueId: queue.id,
      workOrderId: late.id,
      numberCycles: 2,
      category: "IN_PROGRESS",
      dueDate: late.dueDate,
    });
    await createBatch({
      queueId: queue.id,
      workOrderId: done.id,
      numberCycles: 3,
      category: "COMPLETE",
      dueDate: done.dueDate,
    });
    await setCycleCategory(a.id, [1], "COMPLETE");
    await setCycleCategory(a.id, [2], "CANCELLED");
    const { queue: found } = await query(QueueByIdDocument, { id: globalId("Queue", queue.id) });
    expect(found).toMatchObject({
      activeWorkOrders: 2,
      activeBatches: 2,
      // 2 of a's cycles, both of the in-progress batch's; the complete batch's pending cycles still count as work.
      activeCycles: 7,
      minDueDate: "2027-01-10T00:00:00.000Z",
      maxDueDate: "2027-05-10T00:00:00.000Z",
    });
    // The queue's location is read with the queue, in full, in the lookup's one statement.
    await prisma.location.update({
      where: { id: location.id },
      data: { address: { locality: "Menands", country: "USA" } },
    });
    const { result: withLocation, statements } = await recordStatements(() =>
      query(QueueByIdDocument, { id: globalId("Queue", queue.id) }),
    );
    expect(withLocation.queue?.location).toEqual({
      id: globalId("Location", location.id),
      label: location.label,
      locationType: "warehouse",
      formattedAddress: location.formattedAddress,
      address: { locality: "Menands", country: "USA" },
      createdAt: location.createdAt.toISOString(),
      updatedAt: expect.any(String),
    });
    expect(statements).toHaveLength(1);
    const empty = await createQueue(location.id);
    const { queue: idle } = await query(QueueByIdDocument, { id: globalId("Queue", empty.id) });
    expect(idle).toMatchObject({
      activeWorkOrders: 0,
      activeBatches: 0,
      activeCycles: 0,
      minDueDate: null,
      maxDueDate: null,
    });
  });

  test("queues filter by location and activity, order by priority, and batch their stats per request", async () => {
    const location = await createLocation();
    const workOrder = await createWorkOrder({ locationId: location.id });
    const queues = [];
    for (const priority of ["c", "a", "b", "d"]) {
      const queue = await prisma.queue.create({
        data: { label: `Q-${priority}`, priority, locationId: location.id, isActive: priority !== "d" },
      });
      await createBatch({ queueId: queue.id, workOrderId: workOrder.id, numberCycles: 2 });
      queues.push(queue);
    }
    const filter = { locationIds: [globalId("Location", location.id)], isActive: true };
    const { result, statements } = await recordStatements(() => query(QueuesPageDocument, { first: 2, filter }));
    expect(result.queues.totalCount).toBe(3);
    expect(result.queues.edges.map((edge) => edge.node.label)).toEqual(["Q-a", "Q-b"]);
    expect(result.queues.edges[0]?.node).toMatchObject({
      activeBatches: 1,
      activeCycles: 2,
      activeWorkOrders: 1,
      location: { label: location.label },
    });
    const next = await query(QueuesPageDocument, { first: 2, after: result.queues.pageInfo.endCursor, filter });
    expect(next.queues.edges.map((edge) => edge.node.label)).toEqual(["Q-c"]);
    const all = await recordStatements(() =>
      query(QueuesPageDocument, { first: 4, filter: { locationIds: filter.locationIds } }),
    );
    expect(all.statements.length).toBe(statements.length);
    expect(all.result.queues.edges.map((edge) => edge.node.batches.totalCount)).toEqual([1, 1, 1, 1]);
  });
});
