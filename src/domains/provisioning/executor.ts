// The provisioning executor. A pass: pick up new batches, claim runnable requests with row
// locks and a lease, run them, then finish the batches that are done. Any number of
// executors (in server processes and `npm run worker`) may share one database: a request is
// claimed by one of them at a time (FOR UPDATE SKIP LOCKED + lease), and a lease that
// expires — its worker died — makes the request claimable again.
import { prisma as appPrisma } from "../../data/db.ts";
import { logger } from "../../config/logger.ts";
import { finishBatches, startBatches } from "./batch-lifecycle.ts";
import { notifyProvisioningChange } from "./changes.ts";
import { provisioningConfig } from "./config.ts";
import { type ClaimedRequest, type ExecutionContext, executeRequest } from "./request-execution.ts";

export interface ExecutorOptions extends Partial<ExecutionContext> {
  workerId: string;
  claimLimit?: number;
  concurrency?: number;
}

export interface PassReport {
  /** Requests this pass claimed and ran. */
  executed: number;
  /** Batches this pass finished. */
  finishedBatchIds: number[];
}

// SINGLE requests are runnable at once; a MULTI request only when every earlier request of
// its iccid in the batch has COMPLETED. Expired leases (APPROVED or PROCESSING) are reclaimed.
function claimRequests(ctx: ExecutionContext, limit: number) {
  const now = new Date();
  const expires = new Date(now.getTime() + ctx.leaseMs);
  return ctx.prisma.$queryRaw<ClaimedRequest[]>`
    WITH claimable AS (
      SELECT r.id FROM provisioning_request r
      JOIN provisioning_batch b ON b.id = r.batch_id
      WHERE b.status = 'PROCESSING'
        AND ((r.status = 'APPROVED' AND (r.lease_expires_at IS NULL OR r.lease_expires_at < ${now}))
          OR (r.status = 'PROCESSING' AND r.lease_expires_at < ${now}))
        AND (b.type = 'SINGLE' OR NOT EXISTS (
          SELECT 1 FROM provisioning_request e
          WHERE e.batch_id = r.batch_id AND e.iccid = r.iccid AND e.position < r.position AND e.status <> 'COMPLETED'))
      ORDER BY r.batch_id, r.position
      LIMIT ${limit}
      FOR UPDATE OF r SKIP LOCKED
    )
    UPDATE provisioning_request p
    SET lease_owner = ${ctx.workerId}, lease_expires_at = ${expires}, attempts = p.attempts + 1, updated_at = now()
    FROM claimable WHERE p.id = claimable.id
    RETURNING p.id, p.batch_id AS "batchId", p.request_id AS "requestId", p.method, p.resource, p.body, p.order_id AS "orderId"`;
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function createExecutor(options: ExecutorOptions) {
  const ctx: ExecutionContext = {
    prisma: options.prisma ?? appPrisma,
    workerId: options.workerId,
    leaseMs: options.leaseMs ?? provisioningConfig.leaseMs,
    orderLatencyMs: options.orderLatencyMs ?? provisioningConfig.orderLatencyMs,
  };
  const claimLimit = options.claimLimit ?? provisioningConfig.claimLimit;
  const concurrency = options.concurrency ?? provisioningConfig.concurrency;

  async function runPass(): Promise<PassReport> {
    for (const batch of await startBatches(ctx.prisma)) notifyProvisioningChange({ batchId: batch.id, eventIds: [] });
    const claimed = await claimRequests(ctx, claimLimit);
    await eachLimited(claimed, concurrency, async (request) => {
      try {
        const eventIds = await executeRequest(ctx, request);
        notifyProvisioningChange({ batchId: request.batchId, eventIds });
      } catch (error) {
        // The lease runs out and the request is tried again, by this or another worker.
        logger.error(
          { err: error, requestId: request.id, worker: ctx.workerId },
          "provisioning request failed to execute",
        );
      }
    });
    const finished = await finishBatches(ctx.prisma);
    for (const batch of finished) {
      notifyProvisioningChange({
        batchId: batch.id,
        eventIds: [batch.eventId],
        processStatusId: batch.processStatusId ?? undefined,
      });
    }
    return { executed: claimed.length, finishedBatchIds: finished.map((batch) => batch.id) };
  }

  /** Passes until one finds nothing to claim (tests and the worker's drain). */
  async function runUntilIdle(maxPasses = 500): Promise<PassReport> {
    const total: PassReport = { executed: 0, finishedBatchIds: [] };
    for (let pass = 0; pass < maxPasses; pass++) {
      const report = await runPass();
      total.executed += report.executed;
      total.finishedBatchIds.push(...report.finishedBatchIds);
      if (report.executed === 0) break;
    }
    return total;
  }

  return { workerId: ctx.workerId, runPass, runUntilIdle };
}

export type Executor = ReturnType<typeof createExecutor>;
