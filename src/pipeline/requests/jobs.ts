// Forgetting X-Request-Ids after IDEMPOTENCY_RETENTION: a repeat that late runs again. A
// claim that old without a response belongs to an instance that died, so it goes too.
import { prisma } from "../../data/db.ts";
import { env } from "../../config/env.ts";
import type { Job } from "../../data/job.ts";

export async function purgeIdempotentRequests(now = new Date()): Promise<number> {
  return prisma.$executeRaw`
    DELETE FROM idempotent_request WHERE created_at < ${new Date(now.getTime() - env.idempotencyRetentionMs)}`;
}

export const idempotentRequestPurge: Job = {
  name: "idempotent-request-purge",
  intervalMs: 300_000,
  run: () => purgeIdempotentRequests(),
};
