// A mutation runs only when its token holds every scope its selection needs (operation-scopes.ts):
// otherwise it is refused as a whole with FORBIDDEN naming the missing scopes — nothing written,
// no process status recorded, no stored response replayed. Checking field by field as the
// operation runs would commit a mutation and then refuse to show its payload (a client retrying
// would write twice). An envelop onExecute hook, so every transport gets it: HTTP, SSE, and
// graphql-ws (src/pipeline/transport/websocket.ts executes through yoga.getEnveloped). It must come before the
// idempotency plugin (src/pipeline/requests/plugin.ts), whose replays then answer only callers allowed to
// run the mutation afresh.
import type { DocumentNode, GraphQLSchema } from "graphql";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../../graphql/context.ts";
import { authenticationRequired, domainError } from "../../graphql/errors.ts";
import { type NeededScopes, neededScopes } from "./operation-scopes.ts";

/** Yoga reuses parsed documents, so each operation of a document is analysed once. */
const analysed = new WeakMap<DocumentNode, Map<string, NeededScopes | undefined>>();

function neededFor(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined) {
  const byName = analysed.get(document) ?? analysed.set(document, new Map()).get(document)!;
  const key = operationName ?? "";
  if (!byName.has(key)) byName.set(key, neededScopes(schema, document, operationName));
  return byName.get(key);
}

export const mutationScopesPlugin: Plugin<Context> = {
  onExecute({ args, setResultAndStopExecution }) {
    if (getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
    const needed = neededFor(args.schema, args.document, args.operationName);
    if (!needed) return; // no such operation: execution reports it
    const viewer = (args.contextValue as Context).viewer;
    if (!viewer) {
      if (needed.scopes.size || needed.authenticated) setResultAndStopExecution({ errors: [authenticationRequired()] });
      return;
    }
    const missing = [...needed.scopes].filter((scope) => !viewer.scopes.has(scope));
    if (!missing.length) return;
    const scopes = `scope${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`;
    const message =
      `This mutation's selection needs the ${scopes}, which the token lacks; nothing was done. ` +
      "Send a token with them, or select less.";
    setResultAndStopExecution({ errors: [domainError("FORBIDDEN", message, { scopes: missing })] });
  },
};
