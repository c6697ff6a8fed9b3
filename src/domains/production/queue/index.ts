// Production queues: the Queue type, its batches and statistics, and the queues list.
// Importing this defines them on the builder; the export is what the production domain registers.
import "./queue.ts";
import "./queue-stats.ts";
import "./queue-queries.ts";
import { QueueNode } from "./queue.ts";

/** Its types a federation router resolves by id. */
export const entities = [QueueNode] as const;
