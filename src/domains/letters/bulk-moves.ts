// Moving many letter batches to one status (updateLetterBatchStatuses) in three statements,
// whatever their number: lock and read every batch, move the batches the lifecycle allows, move
// their letters with a history row each. Each batch is judged by its own current status
// (src/domains/letters/transitions.ts); the bulk conventions are in src/domains/processes/bulk.ts.
import type { LetterStatus } from "../../generated/prisma/enums.ts";
import { type BulkItem, type BulkOutcome, missingItems, settle } from "../processes/bulk.ts";
import type { Tx } from "../processes/recorder.ts";
import { transitionRefusal } from "./service.ts";
import { canMove, statusesLeadingTo } from "./transitions.ts";
import type { StatusChange } from "./validation.ts";

export interface BatchMoves {
  outcomes: BulkOutcome[];
  lettersMoved: number;
}

export async function moveLetterBatches(
  tx: Tx,
  items: readonly BulkItem[],
  change: StatusChange,
  atomic: boolean,
): Promise<BatchMoves> {
  const ids = items.map((item) => item.id);
  // Locked in id order, so two bulk moves over overlapping batches take turns instead of deadlocking.
  const current = await tx.$queryRaw<{ id: number; status: LetterStatus }[]>`
    SELECT id, status FROM letter_batch WHERE id = ANY(${ids}::int[]) ORDER BY id FOR UPDATE`;
  const refusals = missingItems("LetterBatch", "letter batch", items, new Set(current.map((row) => row.id)));
  for (const { id, status } of current) {
    if (!canMove(status, change.status))
      refusals.set(id, { code: "CONFLICT", reason: transitionRefusal(id, status, change.status) });
  }
  const { accepted, outcomes } = settle("LetterBatch", items, refusals, { atomic, field: "input.ids" });
  if (!accepted.length) return { outcomes, lettersMoved: 0 };

  await tx.$executeRaw`
    UPDATE letter_batch SET status = ${change.status}::letter_status, reason_code = ${change.reasonCode},
      reason_text = ${change.reasonText}, updated_at = now()
    WHERE id = ANY(${accepted}::int[])`;
  // As for one batch: letters that already left their batch's path (e.g. cancelled early) stay where they are.
  const [moved] = await tx.$queryRaw<{ letters: number }[]>`
    WITH moved AS (
      UPDATE letter SET status = ${change.status}::letter_status, reason_code = ${change.reasonCode},
        reason_text = ${change.reasonText}, updated_at = now()
      WHERE batch_id = ANY(${accepted}::int[]) AND status::text = ANY(${statusesLeadingTo(change.status)}::text[])
      RETURNING id),
    history AS (
      INSERT INTO letter_status_change (letter_id, status, reason_code, reason_text)
      SELECT id, ${change.status}::letter_status, ${change.reasonCode}, ${change.reasonText} FROM moved
      RETURNING 1)
    SELECT count(*)::int AS letters FROM history`;
  return { outcomes, lettersMoved: moved!.letters };
}
