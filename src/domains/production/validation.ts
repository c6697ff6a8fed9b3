// Input rules of the production mutations. Everything here runs before any SQL, so a
// request breaking a rule costs nothing and writes nothing.
import type { StatusCategory } from "../../generated/prisma/enums.ts";
import { badUserInput } from "../../graphql/errors.ts";
import type { StatusShape } from "./catalog/status.ts";

/** Most cycles one batch may need; larger jobs are split into more batches. */
export const MAX_NUMBER_CYCLES = 1000;
/** Most batches one createBatches call makes. */
export const MAX_TOTAL_BATCHES = 100;
/** Most cycles one createBatches call makes in all (total × numberCycles). */
export const MAX_CYCLES_PER_REQUEST = 10_000;
/** Most technicians one call assigns. */
export const MAX_USER_IDS = 50;
/** Longest batch label, relation name or entity reference. */
export const MAX_TEXT_LENGTH = 200;

/** The status label pattern of the production API. */
const STATUS_LABEL = /^[A-Za-z][0-9a-zA-Z-_ ]+$/;

/** The status a category stands for when no custom label is given (the API's defaults). */
export const DEFAULT_STATUSES: Record<StatusCategory, StatusShape> = {
  PENDING: { statusLabel: "Pending", statusCategory: "PENDING", statusDescription: null, statusOrder: 0 },
  IN_PROGRESS: { statusLabel: "In Progress", statusCategory: "IN_PROGRESS", statusDescription: null, statusOrder: 1 },
  VERIFYING: { statusLabel: "Verifying", statusCategory: "VERIFYING", statusDescription: null, statusOrder: 2 },
  BLOCKED: { statusLabel: "Blocked", statusCategory: "BLOCKED", statusDescription: null, statusOrder: 3 },
  COMPLETE: { statusLabel: "Complete", statusCategory: "COMPLETE", statusDescription: null, statusOrder: 4 },
  CANCELLED: { statusLabel: "Cancelled", statusCategory: "CANCELLED", statusDescription: null, statusOrder: 5 },
};

export interface StatusInputShape {
  status: string;
  category: StatusCategory;
  description?: string | null;
  order?: number | null;
}

/** A custom status as stored on batches and cycles; the label must match the API's pattern. */
export function checkStatus(input: StatusInputShape, field: string): StatusShape {
  if (!STATUS_LABEL.test(input.status) || input.status.length > MAX_TEXT_LENGTH) {
    throw badUserInput(
      `status label "${input.status}" must start with a letter and contain only letters, digits, "-", "_" and spaces (at least 2 characters, at most ${MAX_TEXT_LENGTH})`,
      `${field}.status`,
    );
  }
  return {
    statusLabel: input.status,
    statusCategory: input.category,
    statusDescription: input.description ?? null,
    statusOrder: input.order ?? DEFAULT_STATUSES[input.category].statusOrder,
  };
}

export function checkNumberCycles(numberCycles: number, field: string): number {
  if (!Number.isInteger(numberCycles) || numberCycles < 1 || numberCycles > MAX_NUMBER_CYCLES) {
    throw badUserInput(`numberCycles must be between 1 and ${MAX_NUMBER_CYCLES}, got ${numberCycles}`, field);
  }
  return numberCycles;
}

export function checkTotal(total: number, numberCycles: number, field: string): number {
  if (!Number.isInteger(total) || total < 1 || total > MAX_TOTAL_BATCHES) {
    throw badUserInput(`total must be between 1 and ${MAX_TOTAL_BATCHES}, got ${total}`, field);
  }
  if (total * numberCycles > MAX_CYCLES_PER_REQUEST) {
    throw badUserInput(
      `total × numberCycles must be at most ${MAX_CYCLES_PER_REQUEST} cycles per request, got ${total * numberCycles}`,
      field,
    );
  }
  return total;
}

export function checkUserIdCount(userIds: readonly unknown[], field: string, min = 0): void {
  if (userIds.length < min || userIds.length > MAX_USER_IDS) {
    throw badUserInput(
      `between ${min} and ${MAX_USER_IDS} users can be assigned at once, got ${userIds.length}`,
      field,
    );
  }
}

/** A required text (label, relation name, entity reference): not blank, not longer than the limit. */
export function checkText(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed || trimmed.length > MAX_TEXT_LENGTH) {
    throw badUserInput(`${field} must be between 1 and ${MAX_TEXT_LENGTH} characters`, field);
  }
  return trimmed;
}
