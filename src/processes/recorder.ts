// Every mutation records a ProcessStatus. Short operations write it in their own transaction
// (SUCCESS commits with the change, or nothing is written and a FAILURE record says why);
// long-running ones start PENDING and finish later, or time out at their deadline.
import { GraphQLError } from "graphql";
import { prisma } from "../db.ts";
import { TRANSACTION_MAX_WAIT_MS } from "../deadline.ts";
import type { Prisma, ProcessStatus } from "../generated/prisma/client.ts";
import { encodeGlobalId } from "../graphql/ids.ts";

export type Tx = Prisma.TransactionClient;

export interface ProcessDescription<T> {
  /** The operation, e.g. "CREATE_BATCH". */
  eventType: string;
  /** The affected entity; a function when it is known only after the work (e.g. a created id). */
  entityId: string | ((result: T) => string);
  description?: string;
  /** Runs once the transaction has committed (never after a rollback): publish live updates here. */
  afterCommit?: (result: T) => void;
}

export interface Recorded<T> {
  result: T;
  processStatus: ProcessStatus;
}

const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: TRANSACTION_MAX_WAIT_MS };

/** Runs `work` in one transaction and records its SUCCESS there, or a FAILURE on its own when it throws. */
export async function runRecorded<T>(process: ProcessDescription<T>, work: (tx: Tx) => Promise<T>): Promise<Recorded<T>> {
  let recorded: Recorded<T>;
  try {
    recorded = await prisma.$transaction(async (tx) => {
      const result = await work(tx);
      const entityId = typeof process.entityId === "function" ? process.entityId(result) : process.entityId;
      const processStatus = await tx.processStatus.create({
        data: { eventType: process.eventType, entityId, description: process.description, status: "SUCCESS", completedAt: new Date() },
      });
      return { result, processStatus };
    }, TRANSACTION_OPTIONS);
  } catch (error) {
    throw await recordFailure(process, error);
  }
  process.afterCommit?.(recorded.result);
  return recorded;
}

/** Records the failure and returns the error to throw, carrying the failure's process status id. */
async function recordFailure<T>(process: ProcessDescription<T>, error: unknown): Promise<unknown> {
  // Unexpected errors are masked for clients, so their text is not stored where clients can read it.
  const expected = error instanceof GraphQLError;
  const entityId = typeof process.entityId === "string" ? process.entityId : "";
  try {
    const failure = await prisma.processStatus.create({
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
    return new GraphQLError(error.message, {
      ...error,
      // The global id, as processStatus(id:) takes it.
      extensions: { ...error.extensions, processStatusId: encodeGlobalId("ProcessStatus", failure.id) },
    });
  } catch {
    return error; // the database itself is failing; report the original error
  }
}

/** Starts a long-running operation: PENDING until finishProcess, or TIMEOUT after `deadlineMs`. */
export function startProcess(tx: Tx, process: { eventType: string; entityId: string; description?: string; deadlineMs: number }) {
  return tx.processStatus.create({
    data: {
      eventType: process.eventType,
      entityId: process.entityId,
      description: process.description,
      deadlineAt: new Date(Date.now() + process.deadlineMs),
    },
  });
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
