// The messages domain: importing this defines its GraphQL types, fields, queries, mutations and
// subscriptions on the builder; the exports are what src/app/domains.ts registers.
import "./message.ts";
import "./message-queries.ts";
import "./message-mutations.ts";
import "./message-subscriptions.ts";
import type { Job } from "../../data/job.ts";
import { messageDispatcher } from "./dispatcher.ts";
import { MessageNode } from "./message.ts";

/** Its periodic jobs, started by the server and the worker (src/app/jobs.ts). */
export const jobs: readonly Job[] = [messageDispatcher];

/** Its types a federation router resolves by id (src/pipeline/federation/subgraph.ts). */
export const entities = [MessageNode] as const;
