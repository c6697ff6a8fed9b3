// The `id` field of every Node type, resolved synchronously. Pothos' relay plugin resolves it
// with an async function, so each of the ~700 objects of a page of 50 batches with their
// cycles cost a promise and a turn of the microtask queue, on the path that graphql-jit
// (src/graphql/execution/compiled-execution.ts) otherwise runs without any. Same ids: the type's own
// `id.resolve` (from its options) encoded with the same encodeGlobalId.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import type { GraphQLFieldResolver, GraphQLSchema } from "graphql";
import { encodeGlobalId } from "../ids.ts";

type IdResolver = GraphQLFieldResolver<unknown, unknown, object, unknown>;

/** A Node type's raw id resolver, as given to builder.node / builder.loadableNode. */
function rawIdResolver(extensions: Readonly<Record<string, unknown>> | null | undefined): IdResolver | undefined {
  const options = extensions?.pothosOptions as { id?: { resolve?: IdResolver } } | undefined;
  return typeof options?.id?.resolve === "function" ? options.id.resolve : undefined;
}

export function withSyncNodeIds(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const type = schema.getType(typeName);
      const rawId = fieldName === "id" ? rawIdResolver(type?.extensions) : undefined;
      if (!rawId) return config;
      const encode = (id: unknown) => (id == null ? id : encodeGlobalId(typeName, id as number | string));
      return {
        ...config,
        resolve: (parent, args, context, info) => {
          const id = rawId(parent, args, context, info);
          return id instanceof Promise ? id.then(encode) : encode(id);
        },
      };
    },
  });
}
