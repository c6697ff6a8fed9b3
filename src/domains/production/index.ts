// The production domain: importing this defines its GraphQL types, fields, queries, mutations and
// subscriptions on the builder; the exports are what src/app/domains.ts registers.
import "./status.ts";
import "./location.ts";
import "./work-order.ts";
import "./queue.ts";
import "./batch.ts";
import "./batch-queries.ts";
import "./user.ts";
import "./cycle.ts";
import "./batch-mutations.ts";
import "./batch-update-mutations.ts";
import "./cycle-mutations.ts";
import "./relation-mutations.ts";
import "./tech-mutations.ts";
import "./customer.ts";
import "./program.ts";
import "./project.ts";
import "./batch-relation.ts";
import "./batch-cycles.ts";
import "./batch-techs.ts";
import "./queue-stats.ts";
import "./work-order-batches.ts";
import "./work-order-queries.ts";
import "./queue-queries.ts";
import "./cycle-queries.ts";
import "./batch-status-summary.ts";
import "./batch-subscriptions.ts";
import type { Job } from "../../data/job.ts";
import { BatchNode } from "./batch.ts";
import { CycleNode } from "./cycle.ts";
import { QueueNode } from "./queue.ts";
import { WorkOrderNode } from "./work-order.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts). */
export const jobs: readonly Job[] = [];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [BatchNode, WorkOrderNode, QueueNode, CycleNode] as const;
