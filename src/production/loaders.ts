// Per-request loaders that are not a node's own `load`: windowed pages of each parent's
// children and grouped counts. Each is created once per request (createContextCache).
import { createContextCache } from "@pothos/core";
import DataLoader from "dataloader";
import type { Context } from "../context.ts";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Batch, BatchRelation, Cycle, StatusCategory, User } from "../generated/prisma/client.ts";
import { epochMsOf, fieldColumns } from "../sql.ts";
import { DATE_FIELDS } from "./dates.ts";
import { type WindowRow, countLoader, windowLoader } from "./parent-loaders.ts";
import { type CategoryCounts, emptyCounts } from "./status-counts.ts";

const CYCLE_COLUMNS = { pageKey: "r.id", ...fieldColumns(Prisma.CycleScalarFieldEnum, "r", DATE_FIELDS.cycle) };
const BATCH_COLUMNS = { pageKey: "r.id", ...fieldColumns(Prisma.BatchScalarFieldEnum, "r", DATE_FIELDS.batch) };

export type UserWithAssignment = User & { assignedAt: Date };

export const CYCLE_SOURCE = { from: Prisma.sql`cycle r`, parent: Prisma.sql`r.batch_id`, key: Prisma.sql`r.id`, columns: CYCLE_COLUMNS, dates: DATE_FIELDS.cycle };

/** The cycles page of each batch. */
export const cyclePages = createContextCache((_context: Context) => windowLoader<Cycle & WindowRow>(CYCLE_SOURCE));

/** The technicians page of each batch, in user id order. */
export const techPages = createContextCache((_context: Context) =>
  windowLoader<UserWithAssignment & WindowRow>({
    from: Prisma.sql`batch_tech r JOIN app_user u ON u.id = r.user_id`,
    parent: Prisma.sql`r.batch_id`,
    key: Prisma.sql`r.user_id`,
    columns: {
      pageKey: "r.user_id",
      ...fieldColumns(Prisma.UserScalarFieldEnum, "u", DATE_FIELDS.user),
      assignedAt: epochMsOf("r.assigned_at"),
    },
    dates: [...DATE_FIELDS.user, "assignedAt"],
  }),
);

export const techCounts = createContextCache((_context: Context) =>
  countLoader({ from: Prisma.sql`batch_tech r`, parent: Prisma.sql`r.batch_id` }),
);

const RELATION_COLUMNS = { pageKey: "r.id", ...fieldColumns(Prisma.BatchRelationScalarFieldEnum, "r", ["createdAt"]) };

export const relationPages = createContextCache((_context: Context) =>
  windowLoader<BatchRelation & WindowRow>({
    from: Prisma.sql`batch_relation r`,
    parent: Prisma.sql`r.batch_id`,
    key: Prisma.sql`r.id`,
    columns: RELATION_COLUMNS,
    dates: ["createdAt"],
  }),
);

export const relationCounts = createContextCache((_context: Context) =>
  countLoader({ from: Prisma.sql`batch_relation r`, parent: Prisma.sql`r.batch_id` }),
);

const batchSource = (parent: "work_order_id" | "queue_id") => ({
  from: Prisma.sql`batch r`,
  parent: Prisma.raw(`r.${parent}`),
  key: Prisma.sql`r.id`,
  columns: BATCH_COLUMNS,
  dates: DATE_FIELDS.batch,
});

/** The batches page of each work order. */
export const workOrderBatchPages = createContextCache((_context: Context) => windowLoader<Batch & WindowRow>(batchSource("work_order_id")));
export const workOrderBatchCounts = createContextCache((_context: Context) => countLoader(batchSource("work_order_id")));

/** The batches page of each queue. */
export const queueBatchPages = createContextCache((_context: Context) => windowLoader<Batch & WindowRow>(batchSource("queue_id")));
export const queueBatchCounts = createContextCache((_context: Context) => countLoader(batchSource("queue_id")));

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
