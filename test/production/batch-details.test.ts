import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { query, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { BatchDetailsDocument, ProductionNodesDocument } from "../generated/graphql.ts";
import { assignTechs, attachRelation, createUsers } from "./factories.ts";

describe("a batch's project chain, techs and relations", () => {
  test("project, program and customer come from the work order", async () => {
    const { workOrder, batches } = await createBatches(1);
    const project = await prisma.project.findUniqueOrThrow({
      where: { id: workOrder.projectId },
      include: { program: true, customer: true },
    });
    const { batch } = await query(BatchDetailsDocument, { id: globalId("Batch", batches[0]!.id) });
    expect(batch).toMatchObject({
      currentStatus: { status: "Pending", category: "PENDING", description: null, order: 0 },
      project: { label: project.label },
      program: { label: project.program.label },
      customer: { label: project.customer.label },
    });
  });

  test("techs page with totalCount, totalAssignedUsers and at most five assignedUsers", async () => {
    const { batches } = await createBatches(2);
    const [crowded, alone] = batches;
    const users = await createUsers(7);
    await assignTechs(
      crowded!.id,
      users.map((user) => user.id),
    );
    await assignTechs(alone!.id, [users[0]!.id]);

    const { batch } = await query(BatchDetailsDocument, { id: globalId("Batch", crowded!.id) });
    expect(batch?.totalAssignedUsers).toBe(7);
    expect(batch?.techs.totalCount).toBe(7);
    expect(batch?.techs.pageInfo.hasNextPage).toBe(true);
    expect(batch?.techs.edges.map((edge) => edge.node.name)).toEqual([users[0]!.name, users[1]!.name]);
    expect(batch?.assignedUsers.map((user) => user.id)).toEqual(
      users.slice(0, 5).map((user) => globalId("User", user.id)),
    );

    const { batch: other } = await query(BatchDetailsDocument, { id: globalId("Batch", alone!.id) });
    expect(other).toMatchObject({ totalAssignedUsers: 1, techs: { totalCount: 1, pageInfo: { hasNextPage: false } } });
    expect(other?.assignedUsers).toEqual([{ id: globalId("User", users[0]!.id), name: users[0]!.name }]);
  });

  test("relations filter by entity type, relation and direction, with totalCount", async () => {
    const { batches } = await createBatches(2);
    const batch = batches[0]!;
    const created = await attachRelation(batch.id, "created", "USER", "INWARD");
    const parent = await attachRelation(batch.id, "parent", "WORK_ORDER", "OUTWARD");
    const watcher = await attachRelation(batch.id, "watches", "USER", "OUTWARD");
    await attachRelation(batches[1]!.id, "created", "USER", "INWARD");
    const id = globalId("Batch", batch.id);
    const relationIds = async (relationFilter?: object) => {
      const { batch: found } = await query(BatchDetailsDocument, { id, relationFilter });
      expect(found?.relations.totalCount).toBe(found?.relations.edges.length);
      return found?.relations.edges.map((edge) => edge.node.id);
    };
    const ids = (...rows: { id: number }[]) => rows.map((row) => globalId("BatchRelation", row.id));
    expect(await relationIds()).toEqual(ids(created, parent, watcher));
    expect(await relationIds({ entityType: "USER" })).toEqual(ids(created, watcher));
    expect(await relationIds({ relation: "parent" })).toEqual(ids(parent));
    expect(await relationIds({ direction: "INWARD" })).toEqual(ids(created));
    expect(await relationIds({ entityType: "USER", direction: "OUTWARD" })).toEqual(ids(watcher));

    const { batch: found } = await query(BatchDetailsDocument, { id });
    expect(found?.relations.edges[0]?.node).toEqual({
      id: globalId("BatchRelation", created.id),
      relation: "created",
      direction: "INWARD",
      entityType: "USER",
      entityId: created.entityId,
      batch: { id },
    });
  });

  test("node(id:) resolves every type of the production domain", async () => {
    const { location, queue, workOrder, batches } = await createBatches(1);
    const batch = batches[0]!;
    const [user] = await createUsers(1);
    const relation = await attachRelation(batch.id, "created", "USER");
    const cycle = await prisma.cycle.findFirstOrThrow({ where: { batchId: batch.id } });
    const project = await prisma.project.findUniqueOrThrow({ where: { id: workOrder.projectId } });
    const ids = [
      globalId("Batch", batch.id),
      globalId("Cycle", cycle.id),
      globalId("WorkOrder", workOrder.id),
      globalId("Queue", queue.id),
      globalId("Location", location.id),
      globalId("User", user!.id),
      globalId("BatchRelation", relation.id),
      globalId("Project", project.id),
      globalId("Program", project.programId),
      globalId("Customer", project.customerId),
    ];
    const { result, statements } = await recordStatements(() => query(ProductionNodesDocument, { ids }));
    expect(result.nodes.map((node) => node?.id)).toEqual(ids);
    expect(result.nodes.map((node) => node?.__typename)).toEqual(
      ids.map((id) => Buffer.from(id, "base64").toString().split(":")[0]),
    );
    expect(statements).toHaveLength(ids.length);
  });
});
