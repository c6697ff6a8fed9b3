// Every mutation records a ProcessStatus. Short operations write it in their own transaction
// (SUCCESS commits with the change, or nothing is written and a FAILURE record says why);
// long-running ones start PENDING and finish later, or time out at their deadline. With an
// X-Request-Id, the payload (or the expected failure) is written in that same transaction as
// the field's idempotent outcome (src/data/idempotency/outcomes.ts).
import { GraphQLError } from "graphql";
import { prisma } from "../../data/db.ts";
import { TRANSACTION_MAX_WAIT_MS } from "../../data/deadline.ts";
import type { Prisma, ProcessStatus } from "../../generated/prisma/client.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import { writeOutcome } from "../../data/idempotency/outcomes.ts";

export type Tx = Prisma.TransactionClient;

/** A mutation's payload: the changed objects and the operation's ProcessStatus. */
export type Payload<Shape> = Shape & { processStatus: ProcessStatus };

export interface ProcessDescription<T> {
  /** The operation, e.g. "CREATE_BATCH". */
  eventType: string;
  /** The affected entity; a function when it is known only after the work (e.g. a created id). */
  entityId: string | ((result: T) => string);
  description?: string;
  /** Runs once the transaction has committed (never after a rollback): publish live updates here. */
  afterCommit?: (result: T) => void;
  /** A long-running operation: its status starts PENDING, and reads TIMEOUT when not finished within this. */
  deadlineMs?: number;
  /** Runs in the transaction once the status exists, e.g. to link it from the entity the work created. */
  linkStatus?: (tx: Tx, result: T, processStatus: ProcessStatus) => Promise<T>;
}

const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: TRANSACTION_MAX_WAIT_MS };

/** Payloads that came out of a recorded transaction (or its committed outcome): the kit checks it. */
const recordedPayloads = new WeakSet<object>();

export function markRecorded<T extends object>(payload: T): T {
  recordedPayloads.add(payload);
  return payload;
}

export function isRecorded(payload: unknown): boolean {
  return typeof payload === "object" && payload !== null && recordedPayloads.has(payload);
}

/** Runs `work` in one transaction and records its status there, or a FAILURE on its own when it throws. */
export async function recorded<Shape extends object>(
  process: ProcessDescription<NoInfer<Shape>>,
  work: (tx: Tx) => Promise<Shape>,
): Promise<Payload<Shape>> {
  let payload: Payload<Shape>;
  try {
    payload = await prisma.$transaction(async (tx) => {
      const result = await work(tx);
      const processStatus = await startProcess(tx, { ...process, entityId: entityIdOf(process, result) });
      const linked = process.linkStatus ? await process.linkStatus(tx, result, processStatus) : result;
      const done = { ...linked, processStatus };
      await writeOutcome(tx, { payload: done });
      return done;
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    throw await recordFailure(process, error);
  }
  process.afterCommit?.(payload);
  return markRecorded(payload);
}

function entityIdOf<T>(process: ProcessDescription<T>, result: T): string {
  return typeof process.entityId === "function" ? process.entityId(result) : process.entityId;
}

/** Records the failure and returns the error to throw, carrying the failure's process status id. */
export async function recordFailure<T>(process: ProcessDescription<T>, error: unknown): Promise<unknown> {
  // Unexpected errors are masked for clients, so their text is not stored where clients can read it.
  const expected = error instanceof GraphQLError;
  const entityId = typeof process.entityId === "string" ? process.entityId : "";
  try {
    return await prisma.$transaction(async (tx) => {
      const failure = await tx.processStatus.create({
        data: {
          eventType: process.eventType,
          entityId,
          description: process.description,
          status: "FAILURE",
          errorMessage: expected ? error.message : "internal error",
          completedAt: new Date(),
        },
      });
      if (!expected) return error;
      // The global id, as processStatus(id:) takes it.
      const extensions = { ...error.extensions, processStatusId: encodeGlobalId("ProcessStatus", failure.id) };
      // An expected failure is the field's answer: a retry gets it again rather than running anew.
      await writeOutcome(tx, { error: { message: error.message, extensions } });
      return new GraphQLError(error.message, { ...error, extensions });
    });
  } catch {
    return error; // the database itself is failing; report the original error
  }
}

/**
 * Records an operation's status in `tx`: SUCCESS now, or, with a deadline, PENDING until
 * finishProcess, or TIMEOUT after `deadlineMs`.
 */
export function startProcess(
  tx: Tx,
  process: { eventType: string; entityId: string; description?: string; deadlineMs?: number },
) {
  const { eventType, entityId, description, deadlineMs } = process;
  const state =
    deadlineMs === undefined
      ? { status: "SUCCESS" as const, completedAt: new Date() }
      : { deadlineAt: new Date(Date.now() + deadlineMs) };
  return tx.processStatus.create({ data: { eventType, entityId, description, ...state } });
}

/** Finishes a PENDING operation; one that already timed out, or is past its deadline, stays TIMEOUT. */
export function finishProcess(tx: Tx, id: number, outcome: { ok: true } | { ok: false; errorMessage: string }) {
  // Readers already see an overdue process as TIMEOUT before the sweep marks it; it must not flip back.
  return tx.processStatus.updateMany({
    where: { id, status: "PENDING", OR: [{ deadlineAt: null }, { deadlineAt: { gt: new Date() } }] },
    data: outcome.ok
      ? { status: "SUCCESS", completedAt: new Date() }
      : { status: "FAILURE", errorMessage: outcome.errorMessage, completedAt: new Date() },
  });
}
