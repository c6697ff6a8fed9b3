// THE list of domains. Importing a domain's index defines its GraphQL types on the builder
// (src/app/schema.ts builds the schema from them); each index exports what the app registers:
// its periodic jobs (started by src/app/jobs.ts, in the server and in the worker) and its
// federation entities (src/pipeline/federation/subgraph.ts). A new domain is one line here.
import type { Job } from "../data/job.ts";
import * as production from "../domains/production/index.ts";
import * as processes from "../domains/processes/index.ts";
import * as letters from "../domains/letters/index.ts";
import * as messages from "../domains/messages/index.ts";
import * as provisioning from "../domains/provisioning/index.ts";
import type { FederationEntity } from "../pipeline/federation/subgraph.ts";

/** What a domain's index exports for the app to register. */
interface Domain {
  jobs: readonly Job[];
  entities: readonly FederationEntity[];
}

export const DOMAINS: readonly Domain[] = [production, processes, letters, messages, provisioning];

/** Every domain's periodic jobs. */
export const domainJobs: readonly Job[] = DOMAINS.flatMap((domain) => domain.jobs);

/** Every domain's federation entities. */
export const federationEntities: readonly FederationEntity[] = DOMAINS.flatMap((domain) => domain.entities);
