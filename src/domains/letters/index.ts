// The letters domain: importing this defines its GraphQL types, fields, queries, mutations and
// subscriptions on the builder; the exports are what src/app/domains.ts registers.
import "./letter-status.ts";
import "./letter.ts";
import "./letter-batch.ts";
import "./letter-batch-queries.ts";
import "./letter-batch-mutations.ts";
import type { Job } from "../../data/job.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts). */
export const jobs: readonly Job[] = [];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [] as const;
