// Changing and deleting a batch. Updates lock the batch row, so concurrent updates apply one
// after another; a client can also send the version it read and get a CONFLICT if it is stale.
import { publishBatchChange } from "./batch-subscriptions.ts";
import type { Batch } from "../../../generated/prisma/client.ts";
import { notFound } from "../../../graphql/errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { encodeGlobalId, parseId } from "../../../graphql/ids.ts";
import { BatchNode } from "./batch.ts";
import { payloadType, recorded, recordedMutation } from "../../processes/mutation-kit.ts";
import { recordedChange } from "../../processes/one-statement.ts";
import { batchTable } from "../tables.ts";
import { changedBatchField, StatusInput } from "./batch-mutations.ts";
import { batchFieldsUpdate, batchUpdateRefusal, lockBatch, updateBatch } from "../service.ts";
import { checkNumberCycles, checkStatus, checkText, MAX_NUMBER_CYCLES, MAX_TEXT_LENGTH } from "../validation.ts";

builder.objectField(BatchNode, "version", (t) =>
  t.exposeInt("version", {
    description:
      "Changes with every update of the batch (its fields, techs or relations); send it as updateBatch's " +
      "expectedVersion to update only what you read.",
  }),
);

const UpdateBatchInput = builder.inputType("UpdateBatchInput", {
  description: "Changes to a batch; omitted fields stay as they are.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The batch to change." }),
    expectedVersion: t.int({
      description:
        "The batch's version as last read; a different current version is a CONFLICT error and nothing changes.",
    }),
    label: t.string({ description: `New name of the batch (1 to ${MAX_TEXT_LENGTH} characters).` }),
    order: t.string({
      description: `New lexicographic processing order within the queue (1 to ${MAX_TEXT_LENGTH} characters).`,
    }),
    currentStatus: t.field({ type: StatusInput, description: "New status of the batch." }),
    numberCycles: t.int({
      description: `New number of cycles needed, 1 to ${MAX_NUMBER_CYCLES}. More adds PENDING cycles; fewer cancels PENDING ones (the last first), and is a CONFLICT error when not enough are still PENDING. Cycles in progress or verifying keep running untouched.`,
    }),
  }),
});

const DeleteBatchInput = builder.inputType("DeleteBatchInput", {
  description: "The batch to delete.",
  fields: (t) => ({
    id: t.id({ required: true, description: "The batch to delete, with its cycles, techs and relations." }),
  }),
});

const UpdateBatchPayload = payloadType<{ batch: Batch }>("UpdateBatchPayload", "The changed batch.", (t) => ({
  batch: changedBatchField(t, "The batch as it is after the change."),
}));

const DeleteBatchPayload = payloadType<{ deletedBatchId: string }>(
  "DeleteBatchPayload",
  "The deleted batch's id.",
  (t) => ({
    deletedBatchId: t.exposeID("deletedBatchId", { description: "Global id of the batch that no longer exists." }),
  }),
);

recordedMutation("updateBatch", {
  scope: "batch:update",
  description: "Changes a batch's label, order, status or number of cycles; in-flight cycles are never touched.",
  input: { type: UpdateBatchInput, description: "The batch and its changes." },
  payload: UpdateBatchPayload,
  resolve: (input) => {
    const changes = {
      label: input.label == null ? null : checkText(input.label, "input.label"),
      order: input.order == null ? null : checkText(input.order, "input.order"),
      status: input.currentStatus ? checkStatus(input.currentStatus, "input.currentStatus") : null,
      numberCycles: input.numberCycles == null ? null : checkNumberCycles(input.numberCycles, "input.numberCycles"),
    };
    const id = parseId(input.id, "Batch", "input.id");
    const process = {
      eventType: "UPDATE_BATCH",
      entityId: encodeGlobalId("Batch", id),
      afterCommit: () => publishBatchChange(id),
    };
    // Without a change of cycles, the update is one statement; with one, a transaction adds or cancels cycles.
    if (changes.numberCycles == null) {
      return recordedChange(process, {
        table: batchTable,
        statement: batchFieldsUpdate(id, changes, input.expectedVersion),
        result: ([batch]) => ({ batch: batch! }),
        refusal: () => batchUpdateRefusal(id, input.expectedVersion, "input.id"),
      });
    }
    return recorded(process, async (tx) => {
      const locked = await lockBatch(tx, id, input.expectedVersion, "input.id");
      return { batch: await updateBatch(tx, locked, changes, "input.numberCycles") };
    });
  },
});

recordedMutation("deleteBatch", {
  scope: "batch:delete",
  description: "Deletes a batch with its cycles, technician assignments and relations.",
  input: { type: DeleteBatchInput, description: "The batch to delete." },
  payload: DeleteBatchPayload,
  resolve: (input) => {
    const id = parseId(input.id, "Batch", "input.id");
    const deletedBatchId = encodeGlobalId("Batch", id);
    return recorded(
      { eventType: "DELETE_BATCH", entityId: deletedBatchId, afterCommit: () => publishBatchChange(id) },
      async (tx) => {
        const { count } = await tx.batch.deleteMany({ where: { id } });
        if (!count) throw notFound(`batch ${deletedBatchId} does not exist`, "input.id");
        return { deletedBatchId };
      },
    );
  },
});
