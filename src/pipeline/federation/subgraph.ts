// The gateway as an Apollo Federation v2 subgraph (FEDERATION=true): the same types and
// resolvers, plus _service and _entities, with the main domain objects as entities keyed
// by their global id. References resolve through each type's own batched loader, so a
// router asking for 100 batches costs one statement, as node(id:) would.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import type { GraphQLFieldResolver, GraphQLSchema } from "graphql";
import type { Context } from "../../app/context.ts";
import { builder } from "../../graphql/builder.ts";
import { authenticationRequired } from "../../graphql/errors.ts";
import { decodeGlobalId } from "../../graphql/ids.ts";
import { finishSchema, schema } from "../../app/schema.ts";
import { MessageNode } from "../../domains/messages/message.ts";
import { ProcessStatusNode } from "../../domains/processes/process-status.ts";
import { BatchNode } from "../../domains/production/batch.ts";
import { CycleNode } from "../../domains/production/cycle.ts";
import { QueueNode } from "../../domains/production/queue.ts";
import { WorkOrderNode } from "../../domains/production/work-order.ts";
import { ProvisioningBatchNode } from "../../domains/provisioning/provisioning-batch.ts";

interface LoadableEntity {
  name: string;
  getDataloader(context: Context): { load(id: number): Promise<unknown> };
}

const ENTITIES = [BatchNode, WorkOrderNode, QueueNode, CycleNode, MessageNode, ProcessStatusNode, ProvisioningBatchNode];

/** The row behind a reference, or null (as node(id:) answers) when the id is not one of this type's. */
async function resolveReference(node: LoadableEntity, globalId: string, context: Context) {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    return null;
  }
  const id = Number(decoded.id);
  if (decoded.typename !== node.name || !Number.isSafeInteger(id) || id <= 0) return null;
  return node.getDataloader(context).load(id).catch(() => null);
}

/**
 * _entities (added by the federation plugin, outside scope-auth) needs a token like every other
 * field; checked first, before its limits (src/graphql/transforms/node-limits.ts) and its types' read scopes.
 */
function entitiesNeedAuthentication(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      if (typeName !== "Query" || fieldName !== "_entities") return config;
      const resolve = config.resolve as GraphQLFieldResolver<unknown, Context>;
      return {
        ...config,
        resolve: (parent, args, context: Context, info) => {
          if (!context.viewer) throw authenticationRequired();
          return resolve(parent, args, context, info);
        },
      };
    },
  });
}

let subgraph: GraphQLSchema | undefined;

/** The subgraph schema, built once on first use; the default schema (schema.graphql) is left as it is. */
export function subgraphSchema(): GraphQLSchema {
  if (subgraph) return subgraph;
  void schema; // entities must be declared after the default schema is built, or it would carry @key
  for (const node of ENTITIES as unknown as LoadableEntity[]) {
    builder.asEntity(node as never, {
      key: builder.selection<{ id: string }>("id"),
      resolveReference: (reference: { id: string }, context: Context) => resolveReference(node, reference.id, context) as never,
    });
  }
  const built = builder.toSubGraphSchema({ sortSchema: true, linkUrl: "https://specs.apollo.dev/federation/v2.6" });
  subgraph = entitiesNeedAuthentication(finishSchema(built));
  return subgraph;
}
