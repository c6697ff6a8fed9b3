// The production domain: work orders broken into batches, placed in queues and worked through as
// cycles, over a catalog of customers, programs, projects, locations, users and statuses. One
// folder per aggregate, each with every field of its types, its queries and its mutations; the
// files here are what they share (tables, service, validation, loaders, list ordering).
// Importing this defines them on the builder; the exports are what src/app/domains.ts registers.
import type { Job } from "../../data/job.ts";
import * as batch from "./batch/index.ts";
import * as catalog from "./catalog/index.ts";
import * as cycle from "./cycle/index.ts";
import * as queue from "./queue/index.ts";
import * as workOrder from "./work-order/index.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts): none. */
export const jobs: readonly Job[] = [];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [
  ...batch.entities,
  ...workOrder.entities,
  ...queue.entities,
  ...cycle.entities,
  ...catalog.entities,
] as const;
