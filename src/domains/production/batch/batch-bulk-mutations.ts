// deleteBatches: an internal tool deletes many batches at once (bulk conventions:
// src/domains/processes/bulk.ts). One DELETE over every id is the whole change (cycles, techs and
// relations go with their batch); the ids it did not return do not exist, and atomic, the first
// of them rolls the DELETE back.
import { Prisma } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { type BulkOutcome, bulkProcess, parseBulkIds, settleMissing } from "../../processes/bulk.ts";
import { bulkInputFields, bulkPayloadType } from "../../processes/bulk-schema.ts";
import { recorded, recordedMutation } from "../../processes/mutation-kit.ts";
import { publishBatchChange } from "./batch-subscriptions.ts";

/** Most distinct batches one deleteBatches call deletes. */
export const MAX_BULK_BATCH_DELETES = 100;

const DeleteBatchesInput = builder.inputType("DeleteBatchesInput", {
  description: "The batches to delete, with their cycles, technician assignments and relations.",
  fields: (t) => bulkInputFields(t, "batches", MAX_BULK_BATCH_DELETES),
});

const DeleteBatchesPayload = bulkPayloadType<{ outcomes: BulkOutcome[] }>(
  "DeleteBatchesPayload",
  "A result per batch (a batch that does not exist is refused NOT_FOUND), and the record of the call.",
  MAX_BULK_BATCH_DELETES,
);

recordedMutation("deleteBatches", {
  scope: "batch:delete",
  description: `Deletes up to ${MAX_BULK_BATCH_DELETES} batches with their cycles, technician assignments and relations in one call.`,
  input: { type: DeleteBatchesInput, description: "The batches to delete and the mode." },
  payload: DeleteBatchesPayload,
  resolve: (input) => {
    const items = parseBulkIds(input.ids, "Batch", "input.ids", MAX_BULK_BATCH_DELETES);
    const atomic = input.atomic ?? true;
    let deleted: number[] = [];
    const process = {
      ...bulkProcess("DELETE_BATCHES", "Batch", items, atomic, `Delete ${items.length} batches`),
      afterCommit: () => deleted.forEach(publishBatchChange),
    };
    return recorded(process, async (tx) => {
      const rows = await tx.$queryRaw<{ id: number }[]>(
        // Locked in id order, so two bulk calls over overlapping batches take turns instead of deadlocking.
        Prisma.sql`DELETE FROM batch WHERE id IN (
          SELECT id FROM batch WHERE id = ANY(${items.map((item) => item.id)}::int[]) ORDER BY id FOR UPDATE) RETURNING id`,
      );
      deleted = rows.map((row) => row.id);
      return { outcomes: settleMissing("Batch", "batch", items, deleted, atomic) };
    });
  },
});
