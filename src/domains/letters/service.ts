// Moving a letter batch and its letters to a new status: the batch row is locked, the
// transition checked against the table, then every letter that may follow moves and gets a
// history row in one set-based statement, whatever the batch's size.
import type { LetterBatch } from "../../generated/prisma/client.ts";
import type { LetterStatus } from "../../generated/prisma/enums.ts";
import { domainError, notFound } from "../../graphql/errors.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import type { Tx } from "../processes/recorder.ts";
import { canMove, statusesLeadingTo, TRANSITIONS } from "./transitions.ts";
import type { StatusChange } from "./validation.ts";

export interface BatchMove {
  batch: LetterBatch;
  lettersMoved: number;
}

function refusedTransition(batchId: number, from: LetterStatus, to: LetterStatus) {
  const allowed = TRANSITIONS[from];
  const options = allowed.length ? `from ${from} it can only move to ${allowed.join(", ")}` : `${from} is final`;
  return domainError(
    "CONFLICT",
    `Letter batch ${encodeGlobalId("LetterBatch", batchId)} cannot move from ${from} to ${to}: ${options}`,
    { currentStatus: from, requestedStatus: to, field: "input.status" },
  );
}

export async function moveLetterBatch(tx: Tx, batchId: number, change: StatusChange): Promise<BatchMove> {
  // The lock makes concurrent moves of one batch take turns, so each sees the other's result.
  const [current] = await tx.$queryRaw<{ status: LetterStatus }[]>`
    SELECT status FROM letter_batch WHERE id = ${batchId} FOR UPDATE`;
  if (!current) throw notFound(`Letter batch ${encodeGlobalId("LetterBatch", batchId)} does not exist`, "input.id");
  if (!canMove(current.status, change.status)) throw refusedTransition(batchId, current.status, change.status);

  const batch = await tx.letterBatch.update({
    where: { id: batchId },
    data: { status: change.status, reasonCode: change.reasonCode, reasonText: change.reasonText },
  });
  // Letters that already left the batch's path (e.g. one cancelled early) stay where they are.
  const lettersMoved = await tx.$executeRaw`
    WITH moved AS (
      UPDATE letter SET status = ${change.status}::letter_status, reason_code = ${change.reasonCode},
        reason_text = ${change.reasonText}, updated_at = now()
      WHERE batch_id = ${batchId} AND status::text = ANY(${statusesLeadingTo(change.status)}::text[])
      RETURNING id)
    INSERT INTO letter_status_change (letter_id, status, reason_code, reason_text)
    SELECT id, ${change.status}::letter_status, ${change.reasonCode}, ${change.reasonText} FROM moved`;
  return { batch, lettersMoved };
}
