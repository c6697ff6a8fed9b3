// The status enum of letters and letter batches; each value's description names the
// statuses it can move on to, taken from the transition table so the two never disagree.
import { LetterStatus } from "../../generated/prisma/enums.ts";
import { builder } from "../../graphql/builder.ts";
import { TRANSITIONS } from "./transitions.ts";

const MEANINGS: Record<LetterStatus, string> = {
  PENDING: "Received by the print supplier, not yet accepted for printing.",
  ACCEPTED: "Accepted by the supplier for printing.",
  REJECTED: "Refused by the supplier, e.g. the address failed validation.",
  PRINTED: "Printed, not yet in its envelope.",
  ENCLOSED: "Printed and put in its envelope with any inserts.",
  CANCELLED: "Withdrawn before it was handed to the postal service.",
  DISPATCHED: "Handed to the postal service.",
  FAILED: "Could not be produced or delivered, e.g. a print quality check failed.",
  RETURNED: "Came back to the sender undelivered, or was sent back by the addressee.",
  DESTROYED: "A returned letter, destroyed.",
  FORWARDED: "Redirected by the postal service to the addressee's new address.",
  DELIVERED: "Delivered to the addressee.",
};

function describe(status: LetterStatus): string {
  const next = TRANSITIONS[status];
  return `${MEANINGS[status]} ${next.length ? `Can move on to ${next.join(", ")}.` : "Final: moves nowhere."}`;
}

export const LetterStatusEnum = builder.enumType("LetterStatus", {
  description:
    "Where a letter (or a whole letter batch) stands in printing and posting. Nothing ever moves back to PENDING.",
  values: Object.fromEntries(
    Object.values(LetterStatus).map((status) => [status, { value: status, description: describe(status) }]),
  ) as Record<LetterStatus, { value: LetterStatus; description: string }>,
});
