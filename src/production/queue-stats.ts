// A queue's outstanding work and its batches, batched across every queue of the request.
import { builder } from "../graphql/builder.ts";
import { listOf } from "../graphql/pagination.ts";
import { BatchNode } from "./batch.ts";
import { queueBatchCounts, queueBatchPages, queueStats } from "./loaders.ts";
import { NO_FILTER, parentConnection } from "./parent-loaders.ts";
import { QueueNode } from "./queue.ts";


builder.objectFields(QueueNode, (t) => ({
  activeWorkOrders: t.int({
    description: "How many work orders have active batches (pending, in progress, verifying or blocked) in the queue.",
    resolve: async (queue, _args, context) => (await queueStats(context).load(queue.id)).activeWorkOrders,
  }),
  activeBatches: t.int({
    description: "How many of the queue's batches are active (pending, in progress, verifying or blocked).",
    resolve: async (queue, _args, context) => (await queueStats(context).load(queue.id)).activeBatches,
  }),
  activeCycles: t.int({
    description: "How many cycles of the queue's batches are active (pending, in progress, verifying or blocked).",
    resolve: async (queue, _args, context) => (await queueStats(context).load(queue.id)).activeCycles,
  }),
  minDueDate: t.field({
    type: "DateTime",
    nullable: true,
    description: "The earliest due date among the queue's active batches; null when none has one.",
    resolve: async (queue, _args, context) => (await queueStats(context).load(queue.id)).minDueDate,
  }),
  maxDueDate: t.field({
    type: "DateTime",
    nullable: true,
    description: "The latest due date among the queue's active batches; null when none has one.",
    resolve: async (queue, _args, context) => (await queueStats(context).load(queue.id)).maxDueDate,
  }),
  batches: t.connection({
    type: BatchNode,
    description: "The batches placed in the queue, oldest first; at most 100 per page (default 20).",
    resolve: (queue, args, context, info) => {
      const key = { parentId: queue.id, ...NO_FILTER };
      const count = () => queueBatchCounts(context).load(key);
      return parentConnection(listOf(info), args, queueBatchPages(context), key, count);
    },
  }),
}));
