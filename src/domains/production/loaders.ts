// Loaders of values computed over many rows, used when the planner did not read them with the
// page (a mutation's payload, a subscription event): each batched across the request.
import { createContextCache } from "@pothos/core";
import DataLoader from "dataloader";
import type { Context } from "../../graphql/context.ts";
import { db } from "../../data/db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { StatusCategory } from "../../generated/prisma/client.ts";
import { type CategoryCounts, emptyCounts } from "./catalog/status-counts.ts";

/** Each batch's cycles by status category: one GROUP BY for every batch of the request. */
export const cycleCounts = createContextCache(
  (_context: Context) =>
    new DataLoader<number, CategoryCounts>(async (batchIds) => {
      const rows = await db.query<{ batchId: number; category: StatusCategory; n: number }>(
        Prisma.sql`SELECT batch_id AS "batchId", status_category::text AS category, count(*)::int AS n
          FROM cycle WHERE batch_id = ANY(${[...batchIds]}::int[]) GROUP BY 1, 2`,
      );
      const counts = new Map(batchIds.map((id) => [id, emptyCounts()]));
      for (const row of rows) counts.get(row.batchId)![row.category] = row.n;
      return batchIds.map((id) => counts.get(id)!);
    }),
);

export interface QueueStats {
  activeWorkOrders: number;
  activeBatches: number;
  activeCycles: number;
  minDueDate: Date | null;
  maxDueDate: Date | null;
}

const ACTIVE = Prisma.sql`('PENDING', 'IN_PROGRESS', 'VERIFYING', 'BLOCKED')`;

/** Each queue's outstanding work, from its active batches and their active cycles: one statement per request. */
export const queueStats = createContextCache(
  (_context: Context) =>
    new DataLoader<number, QueueStats>(async (queueIds) => {
      const ids = [...queueIds];
      const rows = await db.query<QueueStats & { queueId: number }>(Prisma.sql`
        WITH b AS (
          SELECT queue_id, count(DISTINCT work_order_id)::int AS wo, count(*)::int AS n, min(due_date) AS min_due, max(due_date) AS max_due
          FROM batch WHERE queue_id = ANY(${ids}::int[]) AND status_category IN ${ACTIVE} GROUP BY queue_id
        ), c AS (
          SELECT b.queue_id, count(*)::int AS n FROM cycle c JOIN batch b ON b.id = c.batch_id
          WHERE b.queue_id = ANY(${ids}::int[]) AND c.status_category IN ${ACTIVE} GROUP BY b.queue_id
        )
        SELECT q.id AS "queueId", coalesce(b.wo, 0) AS "activeWorkOrders", coalesce(b.n, 0) AS "activeBatches",
          coalesce(c.n, 0) AS "activeCycles", b.min_due AS "minDueDate", b.max_due AS "maxDueDate"
        FROM unnest(${ids}::int[]) AS q(id) LEFT JOIN b ON b.queue_id = q.id LEFT JOIN c ON c.queue_id = q.id`);
      const byQueue = new Map(rows.map((row) => [row.queueId, row]));
      return ids.map((id) => byQueue.get(id)!);
    }),
);
