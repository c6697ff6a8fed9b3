// updateLetterBatchStatuses: an internal tool moves many letter batches (and their letters) to
// one status at once, each batch judged by the lifecycle from its own current status.
import { builder } from "../../graphql/builder.ts";
import { bulkProcess, parseBulkIds } from "../processes/bulk.ts";
import { bulkInputFields, bulkPayloadType } from "../processes/bulk-schema.ts";
import { recorded, recordedMutation } from "../processes/mutation-kit.ts";
import { type BatchMoves, moveLetterBatches } from "./bulk-moves.ts";
import { statusChangeFields } from "./letter-batch-mutations.ts";
import { parseStatusChange } from "./validation.ts";

/** Most distinct letter batches one updateLetterBatchStatuses call moves. */
export const MAX_BULK_LETTER_BATCHES = 100;

const UpdateLetterBatchStatusesInput = builder.inputType("UpdateLetterBatchStatusesInput", {
  description: "Letter batches and the one status they (and their letters) move to.",
  fields: (t) => ({
    ...bulkInputFields(t, "letter batches", MAX_BULK_LETTER_BATCHES),
    ...statusChangeFields(
      t,
      "The status to move to; for each batch it must be allowed to follow that batch's current one (see LetterStatus).",
    ),
  }),
});

const UpdateLetterBatchStatusesPayload = bulkPayloadType<BatchMoves>(
  "UpdateLetterBatchStatusesPayload",
  "A result per letter batch (NOT_FOUND, or CONFLICT when its current status may not be followed by the new one), how many letters moved, and the record of the call.",
  MAX_BULK_LETTER_BATCHES,
  (t) => ({
    lettersMoved: t.exposeInt("lettersMoved", {
      description:
        "How many letters of the moved batches moved with them; letters already on another path stay where they are.",
    }),
  }),
);

recordedMutation("updateLetterBatchStatuses", {
  scope: "letters:write",
  description: `Moves up to ${MAX_BULK_LETTER_BATCHES} letter batches, and every letter of them that may follow, to a new status in one call, appending to each letter's history. Each batch is checked against the lifecycle from its own status.`,
  input: { type: UpdateLetterBatchStatusesInput, description: "The batches, their new status and the mode." },
  payload: UpdateLetterBatchStatusesPayload,
  resolve: (input) => {
    const change = parseStatusChange(input);
    const items = parseBulkIds(input.ids, "LetterBatch", "input.ids", MAX_BULK_LETTER_BATCHES);
    const atomic = input.atomic ?? true;
    const what = `Move ${items.length} letter batches to ${change.status}`;
    const process = bulkProcess("UPDATE_LETTER_BATCH_STATUSES", "LetterBatch", items, atomic, what);
    return recorded(process, (tx) => moveLetterBatches(tx, items, change, atomic));
  },
});
