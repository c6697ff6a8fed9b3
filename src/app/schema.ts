// The whole schema: the builder, its scalars, the planner's node fields and every domain of
// src/app/domains.ts; then the transforms every schema gets, and the federation subgraph.
import type { GraphQLSchema } from "graphql";
import "../graphql/scalars.ts";
import "../data/planner/nodes.ts";
import { checkRecordedMutations } from "../domains/processes/mutation-kit.ts";
import { builder } from "../graphql/builder.ts";
import { withListQueries } from "../data/planner/queries/schema.ts";
import { withInputLimits } from "../graphql/transforms/input-limits.ts";
import { withSyncNodeIds } from "../graphql/transforms/node-ids.ts";
import { withNodeLimits } from "../graphql/transforms/node-limits.ts";
import { withTypeScopes } from "../graphql/transforms/type-scopes.ts";
import { buildSubgraphSchema } from "../pipeline/federation/subgraph.ts";
import { federationEntities } from "./domains.ts";

/**
 * What the builder gives, with `where`, `orderBy` and `aggregate` on every connection of stored rows
 * (src/data/planner/queries), Node ids resolved synchronously (node-ids.ts), the by-id fields
 * limited (node-limits.ts), types' read scopes enforced where a query reaches them
 * (src/graphql/transforms/type-scopes.ts) and every text argument carrying its length limit
 * (input-limits.ts); it refuses a Mutation field not made by the mutation kit
 * (src/domains/processes/mutation-kit.ts).
 */
export const finishSchema = (built: GraphQLSchema) =>
  withTypeScopes(withNodeLimits(withSyncNodeIds(withInputLimits(checkRecordedMutations(withListQueries(built))))));

export const schema = finishSchema(builder.toSchema({ sortSchema: true }));

let subgraph: GraphQLSchema | undefined;

/**
 * The subgraph schema (FEDERATION=true), built once on first use. Always after `schema` above:
 * declaring the entities changes the shared builder, and the default schema (schema.graphql)
 * must not carry @key.
 */
export function subgraphSchema(): GraphQLSchema {
  return (subgraph ??= buildSubgraphSchema(federationEntities, finishSchema));
}
