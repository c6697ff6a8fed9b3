// What each mutation field of an idempotent request committed, written in the field's own
// transaction (idempotent_outcome): its payload, or the expected error it answered. A retry of
// a request whose response was never stored (the instance crashed, or a later field failed
// unexpectedly) returns these instead of running the fields again. The slot a field writes to
// travels with the async work of its resolver, so the recorded transaction finds it without
// every resolver passing it down.
import { AsyncLocalStorage } from "node:async_hooks";
import { GraphQLError } from "graphql";
import { prisma } from "../db.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Outcome } from "../../graphql/context.ts";
import { domainError } from "../../graphql/errors.ts";

/** Where a running mutation field's outcome goes: its request's id and its response key (alias or name). */
export interface OutcomeSlot {
  requestId: string;
  responseKey: string;
}

const slots = new AsyncLocalStorage<OutcomeSlot | undefined>();

/** Whether the running mutation field records an idempotent outcome (its request carries an X-Request-Id). */
export const hasOutcomeSlot = (): boolean => slots.getStore() !== undefined;

/** Runs a mutation field's resolver with its outcome slot (none when the request is not idempotent). */
export function inOutcomeSlot<T>(slot: OutcomeSlot | undefined, run: () => T): T {
  return slots.run(slot, run);
}

// Dates are tagged so they come back as Dates: resolvers below the payload expect Prisma's rows.
function encode(outcome: Outcome): string {
  return JSON.stringify(outcome, function tagDates(this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? { $date: raw.toISOString() } : value;
  });
}

function decode(text: string): Outcome {
  return JSON.parse(text, (_key, value: unknown) => {
    const tagged = value as { $date?: unknown } | null;
    if (tagged && typeof tagged === "object" && typeof tagged.$date === "string" && Object.keys(tagged).length === 1) {
      return new Date(tagged.$date);
    }
    return value;
  }) as Outcome;
}

/**
 * Writes the running field's outcome in `tx`, the transaction of its change, so both commit or
 * neither does. A second attempt that got this far while the first one committed finds the row
 * taken: it fails, and its transaction (its change) rolls back.
 */
export async function writeOutcome(tx: Prisma.TransactionClient, outcome: Outcome): Promise<void> {
  const slot = slots.getStore();
  if (!slot) return;
  const { count } = await tx.idempotentOutcome.createMany({
    data: [{ requestId: slot.requestId, responseKey: slot.responseKey, outcome: encode(outcome) }],
    skipDuplicates: true,
  });
  if (count === 0) {
    const message = `The request with X-Request-Id ${slot.requestId} already did this; retry later for its response`;
    throw domainError("CONFLICT", message, { field: "X-Request-Id" });
  }
}

/** The outcomes a request's fields committed so far, by response key. */
export async function committedOutcomes(requestId: string): Promise<Map<string, Outcome>> {
  const rows = await prisma.idempotentOutcome.findMany({
    where: { requestId },
    select: { responseKey: true, outcome: true },
  });
  return new Map(rows.map((row) => [row.responseKey, decode(row.outcome as string)]));
}

/** The committed outcome as its field answered it the first time: the payload, or the error thrown again. */
export function replayOutcome(outcome: Outcome): unknown {
  if ("error" in outcome) throw new GraphQLError(outcome.error.message, { extensions: outcome.error.extensions });
  return outcome.payload;
}
