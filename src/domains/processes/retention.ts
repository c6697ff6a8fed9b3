// Which process statuses still exist for readers: completed ones past the retention period
// are gone even before the purge job deletes them, and a PENDING one past its deadline
// reads as TIMEOUT even before the sweep marks it.
import { env } from "../../config/env.ts";
import type { Prisma, ProcessStatus } from "../../generated/prisma/client.ts";

/** Completed before this instant means expired. */
export function retentionCutoff(now = new Date()): Date {
  return new Date(now.getTime() - env.processStatusRetentionMs);
}

/** The condition a process status meets while it has not expired. */
export function liveWhere(now = new Date()): Prisma.ProcessStatusWhereInput {
  return { OR: [{ completedAt: null }, { completedAt: { gte: retentionCutoff(now) } }] };
}

/** The status as a reader sees it at `now`. */
export function effectiveState(status: ProcessStatus, now = new Date()): ProcessStatus {
  if (status.status !== "PENDING" || !status.deadlineAt || status.deadlineAt > now) return status;
  return { ...status, status: "TIMEOUT", completedAt: status.deadlineAt, errorMessage: TIMEOUT_MESSAGE };
}

export const TIMEOUT_MESSAGE = "The process did not finish before its deadline.";
