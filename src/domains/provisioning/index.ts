// The provisioning domain: importing this defines its GraphQL types, fields, queries, mutations and
// subscriptions on the builder; the exports are what src/app/domains.ts registers.
import "./enums.ts";
import "./provisioning-request.ts";
import "./provisioning-batch.ts";
import "./provisioning-queries.ts";
import "./provisioning-mutations.ts";
import "./subscription.ts";
import "./subscription-queries.ts";
import "./event.ts";
import "./publish.ts";
import "./provisioning-subscriptions.ts";
import type { Job } from "../../data/job.ts";
import { provisioningExecutorJob, provisioningRetentionJob } from "./jobs.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts). */
export const jobs: readonly Job[] = [provisioningExecutorJob, provisioningRetentionJob];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [ProvisioningBatchNode] as const;
