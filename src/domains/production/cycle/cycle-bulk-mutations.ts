// updateCycleStatuses: an internal tool moves many cycles to one status at once (bulk conventions:
// src/domains/processes/bulk.ts). One UPDATE over every id is the whole change: the ids it did
// not return do not exist; atomic, the first of them rolls the UPDATE back. Rows are locked in id
// order, so two bulk calls over overlapping cycles take turns instead of deadlocking.
import { Prisma } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { type BulkOutcome, bulkProcess, parseBulkIds, settleMissing } from "../../processes/bulk.ts";
import { bulkInputFields, bulkPayloadType } from "../../processes/bulk-schema.ts";
import { recorded, recordedMutation } from "../../processes/mutation-kit.ts";
import { StatusInput } from "../batch/batch-mutations.ts";
import { publishBatchChange } from "../batch/batch-subscriptions.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { cycleStatusOf } from "./cycle-mutations.ts";

/** Most distinct cycles one updateCycleStatuses call moves. */
export const MAX_BULK_CYCLES = 1000;

const UpdateCycleStatusesInput = builder.inputType("UpdateCycleStatusesInput", {
  description: "Cycles and the one status they all move to: either a custom `status` or just a `category`.",
  fields: (t) => ({
    ...bulkInputFields(t, "cycles", MAX_BULK_CYCLES),
    status: t.field({ type: StatusInput, description: "The new custom status with its category." }),
    category: t.field({ type: StatusCategoryEnum, description: "The new category, with its default label." }),
  }),
});

const UpdateCycleStatusesPayload = bulkPayloadType<{ outcomes: BulkOutcome[] }>(
  "UpdateCycleStatusesPayload",
  "A result per cycle (a cycle that does not exist is refused NOT_FOUND), and the record of the call.",
  MAX_BULK_CYCLES,
);

recordedMutation("updateCycleStatuses", {
  scope: "batch:update",
  description: `Sets the status of up to ${MAX_BULK_CYCLES} cycles in one call; their batches' and queues' cycle counts follow at once.`,
  input: { type: UpdateCycleStatusesInput, description: "The cycles, their new status and the mode." },
  payload: UpdateCycleStatusesPayload,
  resolve: (input) => {
    const status = cycleStatusOf(input);
    const items = parseBulkIds(input.ids, "Cycle", "input.ids", MAX_BULK_CYCLES);
    const atomic = input.atomic ?? true;
    const batchIds = new Set<number>();
    const process = {
      ...bulkProcess(
        "UPDATE_CYCLE_STATUSES",
        "Cycle",
        items,
        atomic,
        `Move ${items.length} cycles to ${status.statusLabel}`,
      ),
      afterCommit: () => batchIds.forEach(publishBatchChange),
    };
    return recorded(process, async (tx) => {
      const moved = await tx.$queryRaw<{ id: number; batchId: number }[]>(Prisma.sql`
        UPDATE cycle SET status_label = ${status.statusLabel}, status_category = ${status.statusCategory}::status_category,
          status_description = ${status.statusDescription}, status_order = ${status.statusOrder}, updated_at = now()
        WHERE id IN (SELECT id FROM cycle WHERE id = ANY(${items.map((item) => item.id)}::int[]) ORDER BY id FOR UPDATE)
        RETURNING id, batch_id AS "batchId"`);
      const outcomes = settleMissing(
        "Cycle",
        "cycle",
        items,
        moved.map((row) => row.id),
        atomic,
      );
      for (const row of moved) batchIds.add(row.batchId);
      return { outcomes };
    });
  },
});
