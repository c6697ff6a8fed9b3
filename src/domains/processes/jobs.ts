// The periodic sweep of process statuses: overdue PENDING ones become TIMEOUT, and completed
// ones older than PROCESS_STATUS_RETENTION are deleted. Both are single set-based statements,
// safe to run on several instances at once.
import { prisma } from "../../data/db.ts";
import type { Job } from "../../data/job.ts";
import { publishProcessStatus } from "./process-subscriptions.ts";
import { retentionCutoff, TIMEOUT_MESSAGE } from "./retention.ts";

/** Marks overdue processes TIMEOUT and tells their watchers. */
export async function timeOutOverdueProcesses(now = new Date()): Promise<number> {
  const timedOut = await prisma.$queryRaw<{ id: number }[]>`
    UPDATE process_status SET status = 'TIMEOUT', completed_at = deadline_at, error_message = ${TIMEOUT_MESSAGE}
    WHERE status = 'PENDING' AND deadline_at < ${now}
    RETURNING id`;
  for (const { id } of timedOut) publishProcessStatus(id);
  return timedOut.length;
}

export async function purgeExpiredProcesses(now = new Date()): Promise<number> {
  const { count } = await prisma.processStatus.deleteMany({ where: { completedAt: { lt: retentionCutoff(now) } } });
  return count;
}

export const processStatusSweep: Job = {
  name: "process-status-sweep",
  intervalMs: 60_000,
  async run() {
    const now = new Date();
    return { timedOut: await timeOutOverdueProcesses(now), purged: await purgeExpiredProcesses(now) };
  },
};
