// The gateway as an Apollo Federation v2 subgraph (FEDERATION=true): the same types and
// resolvers, plus _service and _entities, with the main domain objects (each domain's index
// exports its own) as entities keyed by their global id. References resolve through each
// type's own batched loader, so a router asking for 100 batches costs one statement, as
// node(id:) would.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import type { GraphQLFieldResolver, GraphQLSchema } from "graphql";
import type { Context } from "../../graphql/context.ts";
import { builder } from "../../graphql/builder.ts";
import { authenticationRequired } from "../../graphql/errors.ts";
import { decodeGlobalId } from "../../graphql/ids.ts";

/** A node type a router may resolve by id: the domains export theirs (src/app/domains.ts). */
export interface FederationEntity {
  name: string;
  getDataloader(context: Context): { load(id: number): Promise<unknown> };
}

/** The row behind a reference, or null (as node(id:) answers) when the id is not one of this type's. */
async function resolveReference(node: FederationEntity, globalId: string, context: Context) {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalId(globalId);
  } catch {
    return null;
  }
  const id = Number(decoded.id);
  if (decoded.typename !== node.name || !Number.isSafeInteger(id) || id <= 0) return null;
  return node
    .getDataloader(context)
    .load(id)
    .catch(() => null);
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

/**
 * The schema as a subgraph: `entities` keyed by their global id, then `finish` (the default
 * schema's transforms, src/app/schema.ts), then _entities guarded. Declaring entities changes the
 * shared builder, so this runs only after the default schema (schema.graphql) is built, or that
 * schema would carry @key too: src/app/schema.ts calls it on first use, below its `schema`.
 */
export function buildSubgraphSchema(
  entities: readonly FederationEntity[],
  finish: (built: GraphQLSchema) => GraphQLSchema,
): GraphQLSchema {
  for (const node of entities) {
    builder.asEntity(node as never, {
      key: builder.selection<{ id: string }>("id"),
      resolveReference: (reference: { id: string }, context: Context) =>
        resolveReference(node, reference.id, context) as never,
    });
  }
  const built = builder.toSubGraphSchema({ sortSchema: true, linkUrl: "https://specs.apollo.dev/federation/v2.6" });
  return entitiesNeedAuthentication(finish(built));
}
