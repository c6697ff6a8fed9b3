// A queue's outstanding work (from its active batches and their active cycles) and its batches.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Queue } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { computed, manyConnection } from "../../../data/planner/fields.ts";
import { BatchNode } from "../batch/batch.ts";
import { type QueueStats, queueStats } from "../loaders.ts";
import { QueueNode } from "./queue.ts";
import { queueBatches, queueTable } from "../tables.ts";

const ACTIVE = Prisma.sql`('PENDING', 'IN_PROGRESS', 'VERIFYING', 'BLOCKED')`;

/** A statistic of the queue's active batches (aliased `b`), as SQL when planned and from the stats loader otherwise. */
function activeBatchStat<T>(name: keyof QueueStats, aggregate: Prisma.Sql, decode?: (json: unknown) => T) {
  return computed<Queue, T>({
    sql: (alias) =>
      Prisma.sql`(SELECT ${aggregate} FROM batch b WHERE b.queue_id = ${alias}.id AND b.status_category IN ${ACTIVE})`,
    decode,
    load: async (queue, _args, context) => (await queueStats(context).load(queue.id))[name] as T,
  });
}

const date = (json: unknown) => (json == null ? null : new Date(json as number));
const epochMs = (expression: string) => Prisma.raw(`(extract(epoch FROM ${expression}) * 1000)::float8`);

builder.objectFields(QueueNode, (t) => ({
  activeWorkOrders: t.int({
    description: "How many work orders have active batches (pending, in progress, verifying or blocked) in the queue.",
    ...activeBatchStat<number>("activeWorkOrders", Prisma.sql`count(DISTINCT b.work_order_id)::int`),
  }),
  activeBatches: t.int({
    description: "How many of the queue's batches are active (pending, in progress, verifying or blocked).",
    ...activeBatchStat<number>("activeBatches", Prisma.sql`count(*)::int`),
  }),
  activeCycles: t.int({
    description: "How many cycles of the queue's batches are active (pending, in progress, verifying or blocked).",
    ...computed<Queue, number>({
      sql: (alias) => Prisma.sql`(SELECT count(*)::int FROM cycle c JOIN batch b ON b.id = c.batch_id
        WHERE b.queue_id = ${alias}.id AND c.status_category IN ${ACTIVE})`,
      load: async (queue, _args, context) => (await queueStats(context).load(queue.id)).activeCycles,
    }),
  }),
  minDueDate: t.field({
    type: "DateTime",
    nullable: true,
    description: "The earliest due date among the queue's active batches; null when none has one.",
    ...activeBatchStat<Date | null>("minDueDate", epochMs("min(b.due_date)"), date),
  }),
  maxDueDate: t.field({
    type: "DateTime",
    nullable: true,
    description: "The latest due date among the queue's active batches; null when none has one.",
    ...activeBatchStat<Date | null>("maxDueDate", epochMs("max(b.due_date)"), date),
  }),
  batches: t.connection({
    type: BatchNode,
    description:
      "The batches placed in the queue, oldest first; at most 100 per page, sized by `first` or `last` (one is " +
      "required).",
    ...manyConnection(queueTable, queueBatches),
  }),
}));
