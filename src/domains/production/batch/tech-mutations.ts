// Assigning technicians to a batch and taking them off it.
import type { Batch } from "../../../generated/prisma/client.ts";
import { notFound } from "../../../graphql/errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { listSize } from "../../../graphql/transforms/query-cost.ts";
import { encodeGlobalId, parseId, parseIds } from "../../../graphql/ids.ts";
import { payloadType, recorded, recordedMutation } from "../../processes/mutation-kit.ts";
import { changedBatchField } from "./batch-mutations.ts";
import { assignTechs, requireUsers, touchBatch } from "../service.ts";
import { UserNode } from "../catalog/user.ts";
import { checkUserIdCount, MAX_USER_IDS } from "../validation.ts";

const AssignTechsInput = builder.inputType("AssignTechsInput", {
  description: "Technicians to assign to a batch.",
  fields: (t) => ({
    batchId: t.id({ required: true, description: "The batch to assign the technicians to." }),
    userIds: t.idList({
      required: true,
      description: `The users to assign, 1 to ${MAX_USER_IDS}; users already assigned stay assigned.`,
    }),
  }),
});

const DetachTechFromBatchInput = builder.inputType("DetachTechFromBatchInput", {
  description: "A technician to take off a batch.",
  fields: (t) => ({
    batchId: t.id({ required: true, description: "The batch the technician is assigned to." }),
    techId: t.id({ required: true, description: "The technician (a User id) to take off the batch." }),
  }),
});

const AssignTechsPayload = payloadType<{ batch: Batch; userIds: number[] }>(
  "AssignTechsPayload",
  "The batch and the technicians now assigned to it.",
  (t) => ({
    batch: changedBatchField(t, "The batch, with its version bumped."),
    assignedTechs: t.field({
      type: [UserNode],
      extensions: listSize({ max: MAX_USER_IDS }),
      description: "The users given in the input, all now assigned.",
      resolve: (p) => p.userIds,
    }),
  }),
);

const DetachTechFromBatchPayload = payloadType<{ batch: Batch; detachedTechId: string }>(
  "DetachTechFromBatchPayload",
  "The batch the technician was taken off.",
  (t) => ({
    detachedTechId: t.exposeID("detachedTechId", {
      description: "Global id of the user no longer assigned to the batch.",
    }),
    batch: changedBatchField(t, "The batch, with its version bumped."),
  }),
);

recordedMutation("assignTechs", {
  scope: "batch:update",
  description: "Assigns technicians to a batch; all or nothing when a user does not exist.",
  input: { type: AssignTechsInput, description: "The batch and the users." },
  payload: AssignTechsPayload,
  resolve: (input) => {
    checkUserIdCount(input.userIds, "input.userIds", 1);
    const batchId = parseId(input.batchId, "Batch", "input.batchId");
    const userIds = [...new Set(parseIds(input.userIds, "User", "input.userIds"))];
    return recorded({ eventType: "ASSIGN_TECHS", entityId: encodeGlobalId("Batch", batchId) }, async (tx) => {
      const batch = await touchBatch(tx, batchId, "input.batchId");
      await requireUsers(tx, userIds, "input.userIds");
      await assignTechs(tx, [batchId], userIds);
      return { batch, userIds };
    });
  },
});

recordedMutation("detachTechFromBatch", {
  scope: "batch:detach",
  description: "Takes a technician off a batch; the cycles they work keep their assignment.",
  input: { type: DetachTechFromBatchInput, description: "The batch and the technician." },
  payload: DetachTechFromBatchPayload,
  resolve: (input) => {
    const batchId = parseId(input.batchId, "Batch", "input.batchId");
    const userId = parseId(input.techId, "User", "input.techId");
    return recorded({ eventType: "DETACH_TECH_FROM_BATCH", entityId: encodeGlobalId("Batch", batchId) }, async (tx) => {
      const batch = await touchBatch(tx, batchId, "input.batchId");
      const { count } = await tx.batchTech.deleteMany({ where: { batchId, userId } });
      const detachedTechId = encodeGlobalId("User", userId);
      if (!count) throw notFound(`user ${detachedTechId} is not assigned to this batch`, "input.techId");
      return { batch, detachedTechId };
    });
  },
});
