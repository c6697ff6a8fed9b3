import { describe, expect, test } from "vitest";
import { execute, query } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import {
  AssignTechsDocument,
  AttachBatchRelationDocument,
  BatchCyclesDocument,
  DetachBatchRelationDocument,
  DetachTechFromBatchDocument,
} from "../generated/graphql.ts";
import { createUsers } from "./factories.ts";

async function oneBatch() {
  const { batches } = await createBatches(1, { numberCycles: 1 });
  const batchId = globalId("Batch", batches[0]!.id);
  return { batchId, read: async () => (await query(BatchCyclesDocument, { id: batchId })).batch! };
}

const userIdsOf = async (count: number) => (await createUsers(count)).map((user) => globalId("User", user.id));

const entity = { entityId: "b0a84f51-443e-4ff1-9667-73b66be7435a", entityType: "USER" };

describe("batch relations", () => {
  test("attach, list and detach a relation, bumping the batch's version each time", async () => {
    const { batchId, read } = await oneBatch();
    const { attachBatchRelation } = await query(AttachBatchRelationDocument, {
      input: { batchId, relation: "created", direction: "INWARD", entity },
    });
    expect(attachBatchRelation!.relation).toMatchObject({ relation: "created", direction: "INWARD", ...entity });
    expect(attachBatchRelation!.batch).toEqual({ id: batchId, version: 2 });
    expect(attachBatchRelation!.processStatus).toMatchObject({
      eventType: "ATTACH_BATCH_RELATION",
      entityId: batchId,
      status: "SUCCESS",
    });
    expect((await read()).relations.edges.map((e) => e.node.id)).toEqual([attachBatchRelation!.relation.id]);

    const relationId = attachBatchRelation!.relation.id;
    const { detachBatchRelation } = await query(DetachBatchRelationDocument, { input: { batchId, relationId } });
    expect(detachBatchRelation).toMatchObject({ detachedRelationId: relationId, batch: { version: 3 } });
    expect((await read()).relations.totalCount).toBe(0);

    const again = await execute(DetachBatchRelationDocument, { input: { batchId, relationId } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.relationId" });
  });

  test("the same relation twice is a CONFLICT, and the batch is left as it was", async () => {
    const { batchId, read } = await oneBatch();
    await query(AttachBatchRelationDocument, { input: { batchId, relation: "created", entity } });
    const twice = await execute(AttachBatchRelationDocument, { input: { batchId, relation: "created", entity } });
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", field: "input.relation" });
    expect(await read()).toMatchObject({ version: 2, relations: { totalCount: 1 } });
  });

  test("a relation of another batch cannot be detached through this one", async () => {
    const first = await oneBatch();
    const second = await oneBatch();
    const { attachBatchRelation } = await query(AttachBatchRelationDocument, {
      input: { batchId: first.batchId, relation: "created", entity },
    });
    const result = await execute(DetachBatchRelationDocument, {
      input: { batchId: second.batchId, relationId: attachBatchRelation!.relation.id },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.relationId" });
    expect((await first.read()).relations.totalCount).toBe(1);
  });

  test("bad input and unknown batches are refused naming the field", async () => {
    const { batchId } = await oneBatch();
    const cases = [
      [{ batchId, relation: " ", entity }, "BAD_USER_INPUT", "input.relation"],
      [
        { batchId, relation: "created", entity: { ...entity, entityType: "" } },
        "BAD_USER_INPUT",
        "input.entity.entityType",
      ],
      [{ batchId, relation: "x".repeat(201), entity }, "BAD_USER_INPUT", "input.relation"],
      [{ batchId: globalId("Batch", 999_999), relation: "created", entity }, "NOT_FOUND", "input.batchId"],
    ] as const;
    for (const [input, code, field] of cases) {
      const result = await execute(AttachBatchRelationDocument, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
  });
});

describe("batch techs", () => {
  test("assign techs (again is harmless), then detach one", async () => {
    const { batchId, read } = await oneBatch();
    const userIds = await userIdsOf(3);
    const { assignTechs } = await query(AssignTechsDocument, { input: { batchId, userIds: userIds.slice(0, 2) } });
    expect(assignTechs!.assignedTechs.map((u) => u.id)).toEqual(userIds.slice(0, 2));
    expect(assignTechs!.processStatus).toMatchObject({
      eventType: "ASSIGN_TECHS",
      entityId: batchId,
      status: "SUCCESS",
    });
    await query(AssignTechsDocument, { input: { batchId, userIds: userIds.slice(1) } });
    expect((await read()).totalAssignedUsers).toBe(3);

    const { detachTechFromBatch } = await query(DetachTechFromBatchDocument, {
      input: { batchId, techId: userIds[0]! },
    });
    expect(detachTechFromBatch).toMatchObject({ detachedTechId: userIds[0], batch: { id: batchId, version: 4 } });
    const batch = await read();
    expect(batch.techs.edges.map((e) => e.node.id).sort()).toEqual(userIds.slice(1).sort());

    const again = await execute(DetachTechFromBatchDocument, { input: { batchId, techId: userIds[0]! } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "input.techId" });
  });

  test("one unknown user assigns nobody; empty or oversized lists are refused", async () => {
    const { batchId, read } = await oneBatch();
    const [known] = await userIdsOf(1);
    const cases = [
      [[known!, globalId("User", 999_999)], "NOT_FOUND", "input.userIds[1]"],
      [[], "BAD_USER_INPUT", "input.userIds"],
      [Array.from({ length: 51 }, (_, i) => globalId("User", i + 1)), "BAD_USER_INPUT", "input.userIds"],
    ] as const;
    for (const [userIds, code, field] of cases) {
      const result = await execute(AssignTechsDocument, { input: { batchId, userIds: [...userIds] } });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    expect(await read()).toMatchObject({ totalAssignedUsers: 0, version: 1 });
  });
});
