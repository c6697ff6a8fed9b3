// The lifecycle of a letter (and of its batch): which status may follow which. Nothing ever
// moves back to PENDING; REJECTED, CANCELLED, FAILED and DESTROYED are final.
import type { LetterStatus } from "../../generated/prisma/enums.ts";

export const TRANSITIONS: Readonly<Record<LetterStatus, readonly LetterStatus[]>> = {
  PENDING: ["ACCEPTED", "REJECTED", "CANCELLED"],
  ACCEPTED: ["PRINTED", "CANCELLED", "FAILED"],
  PRINTED: ["ENCLOSED", "DISPATCHED", "FAILED", "CANCELLED"],
  ENCLOSED: ["DISPATCHED", "FAILED"],
  DISPATCHED: ["DELIVERED", "RETURNED", "FAILED", "FORWARDED"],
  FORWARDED: ["DELIVERED", "RETURNED"],
  // A returned letter is re-sent or destroyed; a delivered one can still come back to the sender.
  RETURNED: ["DESTROYED", "DISPATCHED"],
  DELIVERED: ["RETURNED"],
  REJECTED: [],
  CANCELLED: [],
  FAILED: [],
  DESTROYED: [],
};

/** Statuses that need a reason code, because the sender must learn why the letter stopped. */
export const NEEDS_REASON: readonly LetterStatus[] = ["REJECTED", "FAILED", "RETURNED"];

export function canMove(from: LetterStatus, to: LetterStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Every status from which `to` may be entered. */
export function statusesLeadingTo(to: LetterStatus): LetterStatus[] {
  return (Object.keys(TRANSITIONS) as LetterStatus[]).filter((from) => canMove(from, to));
}
