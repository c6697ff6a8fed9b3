// Attaching and detaching typed links between a batch and entities of any system.
import type { Batch, BatchRelation } from "../../../generated/prisma/client.ts";
import { domainError, notFound } from "../../../graphql/errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { encodeGlobalId, parseId } from "../../../graphql/ids.ts";
import { payloadType, recorded, recordedMutation } from "../../processes/mutation-kit.ts";
import { changedBatchField } from "./batch-mutations.ts";
import { BatchRelationNode, RelationDirectionEnum } from "./batch-relation.ts";
import { touchBatch } from "../service.ts";
import { checkText, MAX_TEXT_LENGTH } from "../validation.ts";

const RelatedEntityInput = builder.inputType("RelatedEntityInput", {
  description: "The entity a relation points to, in its own system.",
  fields: (t) => ({
    entityId: t.string({
      required: true,
      description: `Id of the entity in its own system (1 to ${MAX_TEXT_LENGTH} characters).`,
    }),
    entityType: t.string({
      required: true,
      description: `Type of the entity, e.g. USER (1 to ${MAX_TEXT_LENGTH} characters).`,
    }),
  }),
});

const AttachBatchRelationInput = builder.inputType("AttachBatchRelationInput", {
  description: "A relation to attach to a batch.",
  fields: (t) => ({
    batchId: t.id({ required: true, description: "The batch to attach the relation to." }),
    relation: t.string({
      required: true,
      description: `Kind of relation, e.g. created (1 to ${MAX_TEXT_LENGTH} characters).`,
    }),
    direction: t.field({
      type: RelationDirectionEnum,
      defaultValue: "OUTWARD",
      description: "Which way the relation points, seen from the batch; OUTWARD by default.",
    }),
    entity: t.field({ type: RelatedEntityInput, required: true, description: "The entity the relation points to." }),
  }),
});

const DetachBatchRelationInput = builder.inputType("DetachBatchRelationInput", {
  description: "A relation to remove from a batch.",
  fields: (t) => ({
    batchId: t.id({ required: true, description: "The batch the relation is attached to." }),
    relationId: t.id({ required: true, description: "The relation to remove." }),
  }),
});

const AttachBatchRelationPayload = payloadType<{ batch: Batch; relation: BatchRelation }>(
  "AttachBatchRelationPayload",
  "The attached relation and its batch.",
  (t) => ({
    relation: t.field({ type: BatchRelationNode, description: "The new relation.", resolve: (p) => p.relation }),
    batch: changedBatchField(t, "The batch, with its version bumped."),
  }),
);

const DetachBatchRelationPayload = payloadType<{ batch: Batch; detachedRelationId: string }>(
  "DetachBatchRelationPayload",
  "The batch the relation was removed from.",
  (t) => ({
    detachedRelationId: t.exposeID("detachedRelationId", {
      description: "Global id of the relation that no longer exists.",
    }),
    batch: changedBatchField(t, "The batch, with its version bumped."),
  }),
);

recordedMutation("attachBatchRelation", {
  scope: "batch:attach",
  description: "Attaches a relation from a batch to an entity; the same relation twice is a CONFLICT error.",
  input: { type: AttachBatchRelationInput, description: "The batch and the relation." },
  payload: AttachBatchRelationPayload,
  resolve: (input) => {
    const data = {
      relation: checkText(input.relation, "input.relation"),
      direction: input.direction ?? "OUTWARD",
      entityId: checkText(input.entity.entityId, "input.entity.entityId"),
      entityType: checkText(input.entity.entityType, "input.entity.entityType"),
      batchId: parseId(input.batchId, "Batch", "input.batchId"),
    };
    return recorded(
      { eventType: "ATTACH_BATCH_RELATION", entityId: encodeGlobalId("Batch", data.batchId) },
      async (tx) => {
        const batch = await touchBatch(tx, data.batchId, "input.batchId");
        // skipDuplicates keeps the transaction usable: a duplicate is reported, not a failed statement.
        const [relation] = await tx.batchRelation.createManyAndReturn({ data: [data], skipDuplicates: true });
        if (!relation)
          throw domainError("CONFLICT", `the batch already has this ${data.relation} relation`, {
            field: "input.relation",
          });
        return { batch, relation };
      },
    );
  },
});

recordedMutation("detachBatchRelation", {
  scope: "batch:detach",
  description: "Removes a relation from a batch.",
  input: { type: DetachBatchRelationInput, description: "The batch and the relation." },
  payload: DetachBatchRelationPayload,
  resolve: (input) => {
    const batchId = parseId(input.batchId, "Batch", "input.batchId");
    const relationId = parseId(input.relationId, "BatchRelation", "input.relationId");
    return recorded({ eventType: "DETACH_BATCH_RELATION", entityId: encodeGlobalId("Batch", batchId) }, async (tx) => {
      const batch = await touchBatch(tx, batchId, "input.batchId");
      const { count } = await tx.batchRelation.deleteMany({ where: { id: relationId, batchId } });
      const detachedRelationId = encodeGlobalId("BatchRelation", relationId);
      if (!count) throw notFound(`relation ${detachedRelationId} is not attached to this batch`, "input.relationId");
      return { batch, detachedRelationId };
    });
  },
});
