// How many objects one request may fetch by id through the generic fields — nodes(ids:) and,
// in the federation subgraph, _entities(representations:): at most MAX_NODE_IDS in all, and of a
// type no more than that type's own bulk field allows (its `maxIdsPerRequest`, declared with its
// read scope: 50 messages as messagesByIds, 1000 process statuses as processStatuses), so the
// generic fields never get around a domain's limit. Checked before anything is read; the fields'
// descriptions are written from the same numbers.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from "graphql";
import { badUserInput } from "../errors.ts";
import { decodeGlobalId } from "../ids.ts";

export const MAX_NODE_IDS = 100;

/** The argument listing the objects a field reads, and the type name of one of its items. */
interface ByIdField {
  argument: string;
  typenameOf: (item: unknown) => string;
}

/** The type named by a global id; a malformed one is left for the field itself to refuse. */
function typenameOf(globalId: unknown): string {
  try {
    return decodeGlobalId(String(globalId)).typename;
  } catch {
    return "";
  }
}

const BY_ID_FIELDS: Record<string, ByIdField> = {
  // Raw ids: this check wraps Pothos' resolver, which decodes them (src/app/schema.ts).
  "Query.nodes": { argument: "ids", typenameOf },
  "Query._entities": {
    argument: "representations",
    typenameOf: (item) => String((item as { __typename?: unknown })?.__typename),
  },
};

/** Each type's own limit below MAX_NODE_IDS, by type name. */
function typeLimits(schema: GraphQLSchema): Map<string, number> {
  const limits = new Map<string, number>();
  for (const type of Object.values(schema.getTypeMap())) {
    const limit = isObjectType(type) ? (type.extensions?.maxIdsPerRequest as number | undefined) : undefined;
    if (limit !== undefined && limit < MAX_NODE_IDS) limits.set(type.name, limit);
  }
  return limits;
}

/** Refuses a request for more objects than the limits allow; every item given counts, duplicates too. */
function checkNodeCount(items: readonly unknown[], byId: ByIdField, limits: ReadonlyMap<string, number>): void {
  const field = byId.argument;
  if (items.length > MAX_NODE_IDS)
    throw badUserInput(`${field} may name at most ${MAX_NODE_IDS} objects, got ${items.length}`, field);
  const counts = new Map<string, number>();
  for (const item of items) {
    const name = byId.typenameOf(item);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  for (const [name, limit] of limits) {
    const count = counts.get(name) ?? 0;
    if (count > limit)
      throw badUserInput(`${field} may name at most ${limit} objects of type ${name}, got ${count}`, field);
  }
}

function limitText(limits: ReadonlyMap<string, number>): string {
  const ofTypes = [...limits].map(([name, limit]) => `${limit} of type ${name}`).join(", ");
  const limit = `At most ${MAX_NODE_IDS} in one request${ofTypes ? ` (and at most ${ofTypes})` : ""}`;
  return `${limit}, duplicates included; more is BAD_USER_INPUT before anything is read.`;
}

/** The schema with its by-id fields limited (see the top of this file). */
export function withNodeLimits(schema: GraphQLSchema): GraphQLSchema {
  const limits = typeLimits(schema);
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const byId = BY_ID_FIELDS[`${typeName}.${fieldName}`];
      if (!byId) return config;
      const resolve = config.resolve as GraphQLFieldResolver<unknown, unknown>;
      return {
        ...config,
        description: `${config.description ? `${config.description} ` : ""}${limitText(limits)}`,
        resolve: (parent, args, context, info) => {
          checkNodeCount(args[byId.argument] as unknown[], byId, limits);
          return resolve(parent, args, context, info);
        },
      };
    },
  });
}
