// Input rules of letter batch updates, checked before any SQL runs.
import type { LetterStatus } from "../../generated/prisma/enums.ts";
import { badUserInput } from "../../graphql/errors.ts";
import { parseId } from "../../graphql/ids.ts";
import { NEEDS_REASON } from "./transitions.ts";

export const MAX_REASON_CODE_LENGTH = 32;
export const MAX_REASON_TEXT_LENGTH = 500;

export const NEEDS_REASON_TEXT = `required when moving to ${NEEDS_REASON.join(", ")}`;

export interface StatusChange {
  status: LetterStatus;
  reasonCode: string | null;
  reasonText: string | null;
}

export function parseStatusUpdate(input: {
  id: string | number;
  status: LetterStatus;
  reasonCode?: string | null;
  reasonText?: string | null;
}): { batchId: number; change: StatusChange } {
  const reasonCode = input.reasonCode?.trim() || null;
  const reasonText = input.reasonText?.trim() || null;
  if (reasonCode && reasonCode.length > MAX_REASON_CODE_LENGTH) {
    throw badUserInput(`reasonCode must be at most ${MAX_REASON_CODE_LENGTH} characters`, "input.reasonCode");
  }
  if (reasonText && reasonText.length > MAX_REASON_TEXT_LENGTH) {
    throw badUserInput(`reasonText must be at most ${MAX_REASON_TEXT_LENGTH} characters`, "input.reasonText");
  }
  if (!reasonCode && NEEDS_REASON.includes(input.status)) {
    throw badUserInput(`Moving letters to ${input.status} needs a reasonCode saying why`, "input.reasonCode");
  }
  const batchId = parseId(input.id, "LetterBatch", "input.id");
  return { batchId, change: { status: input.status, reasonCode, reasonText } };
}
