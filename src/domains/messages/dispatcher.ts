// Moves messages through their lifecycle: due SCHEDULED → ENQUEUED → SENT → DELIVERED or
// UNDELIVERED, one step per pass, so each step is visible to readers for a while. Each step
// claims a small batch with FOR UPDATE SKIP LOCKED: several instances never take the same
// message, and a row a cancellation holds is skipped rather than waited for. Every UPDATE
// repeats its status condition, so a message cancelled first is never enqueued, and one
// enqueued first is no longer SCHEDULED for the cancellation.
import { prisma } from "../../data/db.ts";
import type { Job } from "../../data/job.ts";
import { publishMessageStatus } from "./message-subscriptions.ts";

export const DISPATCH_BATCH_SIZE = 100;
const DISPATCH_INTERVAL_MS = 2_000;

/** Simulated operator: numbers ending in 0 never answer, every other message is delivered. */
export const UNDELIVERED_ERROR = "Recipient unreachable";

interface Claimed {
  id: number;
  status: string;
}

export interface DispatchPass {
  delivered: number;
  undelivered: number;
  sent: number;
  enqueued: number;
}

// The claim is a MATERIALIZED CTE: as an `IN (subquery)` PostgreSQL may run it again per row
// and so claim more than the batch.
function deliver(now: Date, batchSize: number) {
  return prisma.$queryRaw<Claimed[]>`
    WITH claimed AS MATERIALIZED (
      SELECT id FROM message WHERE status = 'SENT' ORDER BY sent_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    UPDATE message m SET
      status = (CASE WHEN right(m.recipient, 1) = '0' THEN 'UNDELIVERED' ELSE 'DELIVERED' END)::message_status,
      delivered_at = CASE WHEN right(m.recipient, 1) = '0' THEN NULL ELSE ${now}::timestamptz END,
      error = CASE WHEN right(m.recipient, 1) = '0' THEN ${UNDELIVERED_ERROR} END,
      updated_at = ${now}::timestamptz
    FROM claimed WHERE m.id = claimed.id AND m.status = 'SENT'
    RETURNING m.id, m.status::text AS status`;
}

function send(now: Date, batchSize: number) {
  return prisma.$queryRaw<Claimed[]>`
    WITH claimed AS MATERIALIZED (
      SELECT id FROM message WHERE status = 'ENQUEUED' ORDER BY scheduled_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    UPDATE message m SET status = 'SENT', sent_at = ${now}::timestamptz, updated_at = ${now}::timestamptz
    FROM claimed WHERE m.id = claimed.id AND m.status = 'ENQUEUED'
    RETURNING m.id, m.status::text AS status`;
}

function enqueueDue(now: Date, batchSize: number) {
  return prisma.$queryRaw<Claimed[]>`
    WITH claimed AS MATERIALIZED (
      SELECT id FROM message WHERE status = 'SCHEDULED' AND scheduled_at <= ${now}::timestamptz
      ORDER BY scheduled_at, id LIMIT ${batchSize} FOR UPDATE SKIP LOCKED)
    UPDATE message m SET status = 'ENQUEUED', updated_at = ${now}::timestamptz
    FROM claimed WHERE m.id = claimed.id AND m.status = 'SCHEDULED'
    RETURNING m.id, m.status::text AS status`;
}

/** One pass: delivery reports for sent messages, then sending enqueued ones, then enqueuing due ones. */
export async function dispatchMessages(options: { now?: Date; batchSize?: number } = {}): Promise<DispatchPass> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? DISPATCH_BATCH_SIZE;
  // Later steps first, so a message advances exactly one step per pass.
  const reported = await deliver(now, batchSize);
  const sent = await send(now, batchSize);
  const enqueued = await enqueueDue(now, batchSize);
  // Each step's UPDATE has committed on its own: watchers may hear of it now.
  publishMessageStatus([...reported, ...sent, ...enqueued].map((row) => row.id));
  const undelivered = reported.filter((row) => row.status === "UNDELIVERED").length;
  return { delivered: reported.length - undelivered, undelivered, sent: sent.length, enqueued: enqueued.length };
}

export const messageDispatcher: Job = {
  name: "message-dispatcher",
  intervalMs: DISPATCH_INTERVAL_MS,
  run: () => dispatchMessages(),
};
