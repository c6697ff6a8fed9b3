// The whole schema: the builder, its scalars, and one import per domain.
import { withTypeScopes } from "../graphql/transforms/type-scopes.ts";
import type { GraphQLSchema } from "graphql";
import { builder } from "../graphql/builder.ts";
import { checkRecordedMutations } from "../domains/processes/mutation-kit.ts";
import { withInputLimits } from "../graphql/transforms/input-limits.ts";
import { withSyncNodeIds } from "../graphql/transforms/node-ids.ts";
import { withNodeLimits } from "../graphql/transforms/node-limits.ts";
import "../graphql/scalars.ts";
import "../data/planner/nodes.ts";
import "../domains/production/index.ts";
import "../domains/processes/index.ts";
import "../domains/letters/index.ts";
import "../domains/messages/index.ts";
import "../domains/provisioning/index.ts";

/**
 * What the builder gives, with Node ids resolved synchronously (node-ids.ts), the by-id fields
 * limited (node-limits.ts), types' read scopes enforced where a query reaches them
 * (src/graphql/transforms/type-scopes.ts) and every text argument carrying its length limit
 * (input-limits.ts); it refuses a Mutation field not made by the mutation kit
 * (src/domains/processes/mutation-kit.ts).
 */
export const finishSchema = (built: GraphQLSchema) =>
  withTypeScopes(withNodeLimits(withSyncNodeIds(withInputLimits(checkRecordedMutations(built)))));

export const schema = finishSchema(builder.toSchema({ sortSchema: true }));
