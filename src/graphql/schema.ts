// The whole schema: the builder, its scalars, and one import per domain.
import { withTypeScopes } from "../auth/type-scopes.ts";
import type { GraphQLSchema } from "graphql";
import { builder } from "./builder.ts";
import { checkRecordedMutations } from "../processes/mutation-kit.ts";
import { withInputLimits } from "./input-limits.ts";
import { withSyncNodeIds } from "./node-ids.ts";
import { withListQueries } from "../data/planner/queries/schema.ts";
import { withNodeLimits } from "./node-limits.ts";
import "./scalars.ts";
import "../data/planner/nodes.ts";
import "../production/index.ts";
import "../processes/index.ts";
import "../letters/index.ts";
import "../messages/index.ts";
import "../provisioning/index.ts";

/**
 * What the builder gives, with Node ids resolved synchronously (node-ids.ts), the by-id fields
 * limited (node-limits.ts), types' read scopes enforced where a query reaches them
 * (src/auth/type-scopes.ts) and every text argument carrying its length limit
 * (input-limits.ts); it refuses a Mutation field not made by the mutation kit
 * (src/processes/mutation-kit.ts).
 */
export const finishSchema = (built: GraphQLSchema) =>
  withTypeScopes(withNodeLimits(withSyncNodeIds(withInputLimits(checkRecordedMutations(withListQueries(built))))));

export const schema = finishSchema(builder.toSchema({ sortSchema: true }));
