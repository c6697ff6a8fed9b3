// Batch status transitions driven by the executor: INITIALISING → PROCESSING when a worker
// picks the batch up; PROCESSING → COMPLETED / PARTIALLY_COMPLETED once no request can run
// any more, with a BATCH_* event and the submit's process status finished in the same commit.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { finishProcess } from "../processes/recorder.ts";
import { TRANSACTION_OPTIONS } from "./config.ts";

export function startBatches(prisma: PrismaClient) {
  return prisma.provisioningBatch.updateManyAndReturn({
    where: { status: "INITIALISING" },
    data: { status: "PROCESSING" },
    select: { id: true },
  });
}

interface FinishedBatch {
  id: number;
  status: "COMPLETED" | "PARTIALLY_COMPLETED";
  processStatusId: number | null;
  unsuccessful: number;
  total: number;
}

// A batch is done when no request is PROCESSING and every APPROVED one is stuck behind an
// earlier request of its iccid that did not complete (MULTI chains stop there).
const FINISH_DONE_BATCHES = `
WITH done AS (
  SELECT b.id,
    (SELECT count(*) FROM provisioning_request r WHERE r.batch_id = b.id AND r.status IN ('REJECTED', 'FAILED', 'CANCELED'))::int AS unsuccessful,
    (SELECT count(*) FROM provisioning_request r WHERE r.batch_id = b.id)::int AS total
  FROM provisioning_batch b
  WHERE b.status = 'PROCESSING' AND NOT EXISTS (
    SELECT 1 FROM provisioning_request r
    WHERE r.batch_id = b.id AND (r.status = 'PROCESSING' OR (r.status = 'APPROVED' AND NOT (b.type = 'MULTI' AND EXISTS (
      SELECT 1 FROM provisioning_request e
      WHERE e.batch_id = r.batch_id AND e.iccid = r.iccid AND e.position < r.position
        AND e.status IN ('REJECTED', 'FAILED', 'CANCELED')))))
  )
  FOR UPDATE OF b SKIP LOCKED
)
UPDATE provisioning_batch b
SET status = (CASE WHEN done.unsuccessful > 0 THEN 'PARTIALLY_COMPLETED' ELSE 'COMPLETED' END)::provisioning_batch_status,
    completed_at = now(), updated_at = now()
FROM done WHERE b.id = done.id AND b.status = 'PROCESSING'
RETURNING b.id, b.status::text AS status, b.process_status_id AS "processStatusId", done.unsuccessful, done.total`;

/** Finishes every batch that is done; returns the batches finished, each with its BATCH_* event. */
export function finishBatches(prisma: PrismaClient) {
  return prisma.$transaction(async (tx) => {
    const finished = await tx.$queryRawUnsafe<FinishedBatch[]>(FINISH_DONE_BATCHES);
    if (finished.length === 0) return [];
    const events = await tx.provisioningEvent.createManyAndReturn({
      data: finished.map((batch) => ({
        type: batch.status === "COMPLETED" ? ("BATCH_COMPLETED" as const) : ("BATCH_PARTIALLY_COMPLETED" as const),
        batchId: batch.id,
        payload: { status: batch.status, requests: batch.total, unsuccessful: batch.unsuccessful },
      })),
      select: { id: true, batchId: true },
    });
    for (const batch of finished) {
      if (batch.processStatusId === null) continue;
      const outcome =
        batch.unsuccessful === 0
          ? ({ ok: true } as const)
          : ({
              ok: false,
              errorMessage: `${batch.unsuccessful} of ${batch.total} requests ended REJECTED, FAILED or CANCELED`,
            } as const);
      await finishProcess(tx, batch.processStatusId, outcome);
    }
    return finished.map((batch) => ({ ...batch, eventId: events.find((event) => event.batchId === batch.id)!.id }));
  }, TRANSACTION_OPTIONS);
}
