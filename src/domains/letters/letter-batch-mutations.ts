// updateLetterBatchStatus: the supplier reports a batch's progress; all its letters follow.
import { builder } from "../../graphql/builder.ts";
import { maxLength } from "../../graphql/transforms/input-limits.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import { payloadType, recorded, recordedMutation } from "../processes/mutation-kit.ts";
import { LetterBatchNode } from "./letter-batch.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { type BatchMove, moveLetterBatch } from "./service.ts";
import { MAX_REASON_CODE_LENGTH, MAX_REASON_TEXT_LENGTH, NEEDS_REASON_TEXT, parseStatusUpdate } from "./validation.ts";

const UpdateLetterBatchStatusInput = builder.inputType("UpdateLetterBatchStatusInput", {
  description: "A letter batch and the status it (and its letters) move to.",
  fields: (t) => ({
    id: t.id({ required: true, description: "Global id of the letter batch." }),
    status: t.field({
      type: LetterStatusEnum,
      required: true,
      description: "The status to move to; it must be allowed to follow the batch's current one (see LetterStatus).",
    }),
    reasonCode: t.string({
      extensions: maxLength(MAX_REASON_CODE_LENGTH),
      description: `The supplier's code for why, at most ${MAX_REASON_CODE_LENGTH} characters; ${NEEDS_REASON_TEXT}.`,
    }),
    reasonText: t.string({
      extensions: maxLength(MAX_REASON_TEXT_LENGTH),
      description: `Why, in words; at most ${MAX_REASON_TEXT_LENGTH} characters.`,
    }),
  }),
});

const UpdateLetterBatchStatusPayload = payloadType<BatchMove>(
  "UpdateLetterBatchStatusPayload",
  "The letter batch after the move, how many of its letters moved, and the record of the operation.",
  (t) => ({
    letterBatch: t.field({
      type: LetterBatchNode,
      description: "The batch in its new status.",
      resolve: (payload) => payload.batch,
    }),
    lettersMoved: t.exposeInt("lettersMoved", {
      description:
        "How many letters moved with the batch; letters already on another path (e.g. cancelled early) stay where " +
        "they are.",
    }),
  }),
  {
    processStatus:
      "The record of this operation (SUCCESS; a refused move is an error carrying processStatusId instead).",
  },
);

recordedMutation("updateLetterBatchStatus", {
  scope: "letters:write",
  description:
    "Moves a letter batch and every letter of it that may follow to a new status, appending to each letter's " +
    "history, all in one transaction. A transition the lifecycle does not allow is a CONFLICT error naming the " +
    "current and requested status.",
  input: { type: UpdateLetterBatchStatusInput, description: "The batch and its new status." },
  payload: UpdateLetterBatchStatusPayload,
  resolve: (input) => {
    const { batchId, change } = parseStatusUpdate(input);
    const process = {
      eventType: "UPDATE_LETTER_BATCH_STATUS",
      entityId: encodeGlobalId("LetterBatch", batchId),
      description: `Move letter batch to ${change.status}.`,
    };
    return recorded(process, (tx) => moveLetterBatch(tx, batchId, change));
  },
});
