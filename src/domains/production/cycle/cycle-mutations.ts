// Moving a cycle through its statuses. One UPDATE per call: the batch's and queue's counts are
// computed from the cycles when read, so nothing else has to change (or can drift).
import type { Cycle } from "../../../generated/prisma/client.ts";
import { badUserInput } from "../../../graphql/errors.ts";
import { builder } from "../../../graphql/builder.ts";
import { encodeGlobalId, parseId } from "../../../graphql/ids.ts";
import { BatchNode } from "../batch/batch.ts";
import { payloadType, recordedMutation } from "../../processes/mutation-kit.ts";
import { recordedChange } from "../../processes/one-statement.ts";
import { StatusInput } from "../batch/batch-mutations.ts";
import { publishBatchChange } from "../batch/batch-subscriptions.ts";
import { CycleNode } from "./cycle.ts";
import { cycleStatusUpdate } from "../service.ts";
import { cycleTable } from "../tables.ts";
import { notFound } from "../../../graphql/errors.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { checkStatus, DEFAULT_STATUSES } from "../validation.ts";

const UpdateCycleStatusInput = builder.inputType("UpdateCycleStatusInput", {
  description: "A cycle's new status: either a custom `status` or just a `category` (exactly one of the two).",
  fields: (t) => ({
    id: t.id({ required: true, description: "The cycle to change." }),
    status: t.field({ type: StatusInput, description: "The new custom status with its category." }),
    category: t.field({
      type: StatusCategoryEnum,
      description:
        "The new category, with its default label (Pending, In Progress, Verifying, Blocked, Complete, Cancelled).",
    }),
  }),
});

const UpdateCycleStatusPayload = payloadType<{ cycle: Cycle; batchId: number }>(
  "UpdateCycleStatusPayload",
  "The changed cycle and its batch, whose cycle counts now include the change.",
  (t) => ({
    cycle: t.field({ type: CycleNode, description: "The cycle with its new status.", resolve: (p) => p.cycle }),
    batch: t.field({
      type: BatchNode,
      description: "The cycle's batch (read after the change).",
      resolve: (p) => p.batchId,
    }),
  }),
);

recordedMutation("updateCycleStatus", {
  scope: "batch:update",
  description: "Sets a cycle's status; its batch's and queue's cycle counts follow at once.",
  input: { type: UpdateCycleStatusInput, description: "The cycle and its new status." },
  payload: UpdateCycleStatusPayload,
  resolve: (input) => {
    if ((input.status == null) === (input.category == null)) {
      throw badUserInput("give exactly one of status and category", input.status ? "input.category" : "input.status");
    }
    const status = input.status ? checkStatus(input.status, "input.status") : DEFAULT_STATUSES[input.category!];
    const id = parseId(input.id, "Cycle", "input.id");
    // Once committed, watchers of the batch see the new counts.
    const entityId = encodeGlobalId("Cycle", id);
    const process = {
      eventType: "UPDATE_CYCLE_STATUS",
      entityId,
      afterCommit: (r: { batchId: number }) => publishBatchChange(r.batchId),
    };
    return recordedChange(process, {
      table: cycleTable,
      statement: cycleStatusUpdate(id, status),
      result: ([cycle]) => ({ cycle: cycle!, batchId: cycle!.batchId }),
      refusal: () => notFound(`cycle ${entityId} does not exist`, "input.id"),
    });
  },
});
