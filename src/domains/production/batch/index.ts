// Batches: the Batch type with its cycles, techs and relations, the batch queries (lists, status
// summary), mutations and subscriptions.
// Importing this defines them on the builder; the export is what the production domain registers.
import "./batch.ts";
import "./batch-relation.ts";
import "./batch-cycles.ts";
import "./batch-techs.ts";
import "./batch-queries.ts";
import "./batch-status-summary.ts";
import "./batch-mutations.ts";
import "./batch-update-mutations.ts";
import "./relation-mutations.ts";
import "./tech-mutations.ts";
import "./batch-subscriptions.ts";
import { BatchNode } from "./batch.ts";

/** Its types a federation router resolves by id. */
export const entities = [BatchNode] as const;
