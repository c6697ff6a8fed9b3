// The schema builder and its plugins; types are added by the domain folders.
import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import DirectivePlugin from "@pothos/plugin-directives";
import FederationPlugin from "@pothos/plugin-federation";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Scope } from "./scopes.ts";
import type { Context } from "./context.ts";
import { authenticationRequired, domainError } from "./errors.ts";
import { decodeGlobalId, encodeGlobalId } from "./ids.ts";
import { MAX_CURSOR_LENGTH } from "./pagination.ts";
import { maxLength } from "./transforms/input-limits.ts";

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
  // Federation adds nothing until src/pipeline/federation/subgraph.ts declares entities (FEDERATION=true).
  plugins: [ScopeAuthPlugin, RelayPlugin, DataloaderPlugin, DirectivePlugin, FederationPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    // Types' read scopes are not scope-auth's: src/graphql/transforms/type-scopes.ts checks them once where a
    // query reaches the type (runScopesOnType would check in isTypeOf, which graphql-jit calls
    // without the context; without it, scope-auth would wrap every field of a scoped type).
    runScopesOnType: false,
    authScopes: (context) => ({
      authenticated: context.viewer !== null,
      scope: (scope) => context.viewer?.scopes.has(scope) ?? false,
    }),
    unauthorizedError: (_parent, context, info) =>
      context.viewer
        ? domainError(
            "FORBIDDEN",
            `Not allowed to read ${info.parentType.name}.${info.fieldName}: the token lacks the scope it needs`,
          )
        : authenticationRequired(),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false, description: "The items of this page, each with its cursor." },
    nodeFieldOptions: { nullable: false, description: "The item." },
    cursorFieldOptions: { description: "Opaque position of the item; pass it as after or before to page from here." },
    pageInfoFieldOptions: { description: "Where this page lies in the whole list." },
    pageInfoTypeOptions: { description: "Where a page lies in its list, and the cursors to page on from it." },
    hasNextPageFieldOptions: { description: "Whether items follow this page." },
    hasPreviousPageFieldOptions: { description: "Whether items precede this page." },
    startCursorFieldOptions: { description: "Cursor of the page's first item." },
    endCursorFieldOptions: { description: "Cursor of the page's last item." },
    firstArgOptions: {
      description:
        "Page forwards: at most this many items after `after` (limit in the field's description); this or `last` " +
        "is required.",
    },
    lastArgOptions: {
      description:
        "Page backwards: at most this many items before `before` (limit in the field's description); this or " +
        "`first` is required.",
    },
    afterArgOptions: {
      description: "Cursor of the item the page starts after.",
      extensions: maxLength(MAX_CURSOR_LENGTH),
    },
    beforeArgOptions: {
      description: "Cursor of the item the page ends before.",
      extensions: maxLength(MAX_CURSOR_LENGTH),
    },
    defaultConnectionTypeOptions: {
      description: "One page of a list, with its position and the size of the whole list.",
    },
    defaultEdgeTypeOptions: { description: "An item of a page with its cursor." },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeTypeOptions: { description: "An object with a global id, fetchable with node(id:)." },
    idFieldOptions: {
      description: 'Global id (base64 of "Type:id"): stable, opaque; pass it to node(id:) or to mutations.',
    },
    // node(id:) and nodes(ids:) are planned into SQL: src/data/planner/nodes.ts defines them.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
});

builder.queryType({ description: "Reads across the five domains of the gateway." });

builder.mutationType({
  description:
    "Changes; every mutation takes one `input` object and returns a payload with a ProcessStatus. " +
    "Each field commits on its own: one that fails is null with its error, and the fields that succeeded keep " +
    "their payloads. " +
    "An operation runs only when the token holds every scope its selection needs — each mutation's own, " +
    "and the read scope of every object type selected in its payload (e.g. batch:read for a Batch, " +
    "process-status:read for the ProcessStatus); otherwise it is refused as a whole, FORBIDDEN with the " +
    "missing scopes in extensions.scopes, and nothing is written.",
});

builder.subscriptionType({
  description:
    "Live updates over Server-Sent Events or WebSocket (graphql-ws): each subscription sends the current state, " +
    "then the state after every change.",
});

builder.globalConnectionField("totalCount", (t) =>
  t.int({
    description: "Number of items in the whole list (all pages) with the same filters.",
    resolve: (parent) => (typeof parent.totalCount === "function" ? parent.totalCount() : parent.totalCount),
  }),
);
