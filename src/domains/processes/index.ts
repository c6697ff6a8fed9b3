// The processes domain: importing this defines its GraphQL types, fields, queries, mutations and
// subscriptions on the builder; the exports are what src/app/domains.ts registers.
import "./process-status.ts";
import "./process-status-queries.ts";
import "./process-subscriptions.ts";
import type { Job } from "../../data/job.ts";
import { processStatusSweep } from "./jobs.ts";
import { ProcessStatusNode } from "./process-status.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts). */
export const jobs: readonly Job[] = [processStatusSweep];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [ProcessStatusNode] as const;
