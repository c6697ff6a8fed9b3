// Persisted operations: the operations of client/ are listed by hash in a manifest that
// codegen writes (client/generated/persisted-documents.json). Clients send the hash as
// `documentId` (or Apollo's extensions.persistedQuery.sha256Hash) instead of the text.
// PERSISTED_OPERATIONS=only runs nothing else; the default also accepts any document.
import { readFileSync } from "node:fs";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { GraphQLParams, Plugin } from "graphql-yoga";

export type PersistedOperationsMode = "allow" | "only";

export const DEFAULT_MANIFEST = new URL("../../../client/generated/persisted-documents.json", import.meta.url).pathname;

/** The manifest: operation hash → document text. */
export function readManifest(path = DEFAULT_MANIFEST): ReadonlyMap<string, string> {
  return new Map(Object.entries(JSON.parse(readFileSync(path, "utf8")) as Record<string, string>));
}

function operationIdOf(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === "string") return params.documentId;
  const apollo = (params.extensions?.persistedQuery ?? null) as { sha256Hash?: unknown } | null;
  return typeof apollo?.sha256Hash === "string" ? apollo.sha256Hash : null;
}

export function persistedOperationsPlugin(mode: PersistedOperationsMode, manifestPath?: string): Plugin {
  const manifest = readManifest(manifestPath);
  return usePersistedOperations({
    allowArbitraryOperations: mode === "allow",
    extractPersistedOperationId: operationIdOf,
    getPersistedOperation: (hash) => manifest.get(hash) ?? null,
    customErrors: {
      persistedQueryOnly: {
        message:
          "This gateway runs only persisted operations: send the operation's documentId from the client manifest, " +
          "not its text",
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
