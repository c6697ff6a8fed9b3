// The schema builder and its plugins; types are added by the domain folders.
import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Scope } from "../auth/scopes.ts";
import type { Context } from "../context.ts";
import { domainError } from "./errors.ts";
import { decodeGlobalId, encodeGlobalId } from "./ids.ts";

export type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  JSON: { Input: unknown; Output: unknown };
  UUID: { Input: string; Output: string };
  PositiveInt: { Input: number; Output: number };
  NonNegativeInt: { Input: number; Output: number };
};

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: Scalars;
  AuthScopes: {
    /** Any valid token. */
    authenticated: boolean;
    /** A token carrying this scope. */
    scope: Scope;
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: {
    /** Connections count lazily: the SQL runs only when totalCount is selected. */
    totalCount: number | (() => Promise<number>);
  };
}>({
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      scope: (scope) => context.viewer?.scopes.has(scope) ?? false,
    }),
    unauthorizedError: (_parent, context, info) =>
      context.viewer
        ? domainError("FORBIDDEN", `Not allowed to read ${info.parentType.name}.${info.fieldName}: the token lacks the scope it needs`)
        : domainError("UNAUTHENTICATED", "Authentication required: send Authorization: Bearer <token>"),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeQueryOptions: {
      authScopes: { authenticated: true },
      description: "Fetches any object of the graph by its global id; null when it does not exist.",
    },
    nodesQueryOptions: {
      authScopes: { authenticated: true },
      description: "Fetches objects by their global ids, in the order given; null for each id that does not exist.",
    },
  },
});

builder.queryType({ description: "Reads across the five domains of the gateway." });

builder.mutationType({ description: "Changes; every mutation takes one `input` object and returns a payload with a ProcessStatus." });

builder.subscriptionType({
  description: "Live updates over Server-Sent Events or WebSocket (graphql-ws): each subscription sends the current state, then the state after every change.",
});

builder.globalConnectionField("totalCount", (t) =>
  t.int({
    description: "Number of items in the whole list (all pages) with the same filters.",
    resolve: (parent) => (typeof parent.totalCount === "function" ? parent.totalCount() : parent.totalCount),
  }),
);
