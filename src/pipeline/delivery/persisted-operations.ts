// Persisted operations: the operations of client/ are listed by hash in a manifest that
// codegen writes (client/generated/persisted-documents.json). Clients send the hash as
// `documentId` (or Apollo's extensions.persistedQuery.sha256Hash) instead of the text.
// PERSISTED_OPERATIONS=only runs nothing else, except for a token holding the explorer scope
// (`graphiql:explore`: analysts in GraphiQL), checked on every transport since graphql-ws runs
// the same params hooks; the default also accepts any document. Over GET the id comes from the
// URL (`?documentId=…&variables=…`), so browsers and CDNs can cache the answer (http-caching.ts).
import { readFileSync } from "node:fs";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { GraphQLParams, Plugin } from "graphql-yoga";
import type { Scope } from "../../graphql/scopes.ts";
import { viewerOfRequest } from "../security/bearer.ts";

/** The scope that lets a token run any document while PERSISTED_OPERATIONS=only (GraphiQL). */
export const EXPLORER_SCOPE: Scope = "graphiql:explore";

export type PersistedOperationsMode = "allow" | "only";

export const DEFAULT_MANIFEST = new URL("../../../client/generated/persisted-documents.json", import.meta.url).pathname;

/** The manifest: operation hash → document text. */
export function readManifest(path = DEFAULT_MANIFEST): ReadonlyMap<string, string> {
  return new Map(Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, string>));
}

function operationIdOf(params: GraphQLParams & { documentId?: unknown }, request: Request): string | null {
  if (typeof params.documentId === "string") return params.documentId;
  const apollo = (params.extensions?.persistedQuery ?? null) as { sha256Hash?: unknown } | null;
  if (typeof apollo?.sha256Hash === "string") return apollo.sha256Hash;
  // Yoga reads only query, operationName, variables and extensions from a GET's URL.
  return request.method === "GET" ? new URL(request.url).searchParams.get("documentId") : null;
}

/** Whether the request's token holds the explorer scope; an invalid token does not (the context answers 401). */
async function isExplorer(request: Request): Promise<boolean> {
  try {
    return (await viewerOfRequest(request))?.scopes.has(EXPLORER_SCOPE) ?? false;
  } catch {
    return false;
  }
}

export function persistedOperationsPlugin(mode: PersistedOperationsMode, manifestPath?: string): Plugin {
  const manifest = readManifest(manifestPath);
  return usePersistedOperations({
    allowArbitraryOperations: mode === "allow" ? true : isExplorer,
    extractPersistedOperationId: operationIdOf,
    getPersistedOperation: (hash) => manifest.get(hash) ?? null,
    customErrors: {
      persistedQueryOnly: {
        message:
          "This gateway runs only persisted operations: send the operation's documentId from the client manifest, " +
          `not its text (a token with the ${EXPLORER_SCOPE} scope may send any document)`,
        extensions: { code: "PERSISTED_OPERATION_REQUIRED", http: { status: 400 } },
      },
      notFound: {
        message: "No persisted operation has this documentId; regenerate the client manifest (npm run codegen)",
        extensions: { code: "PERSISTED_OPERATION_NOT_FOUND", http: { status: 400 } },
      },
      keyNotFound: {
        message: "Send either a query or the documentId of a persisted operation",
        extensions: { code: "BAD_REQUEST", http: { status: 400 } },
      },
    },
  });
}
