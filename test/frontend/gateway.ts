// Requests to a gateway built with non-default options (createGateway), over yoga.fetch.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type ExecutionResult, print } from "graphql";
import { ALL_SCOPES, type Scope } from "../../src/graphql/scopes.ts";
import { mintToken } from "../../src/pipeline/security/tokens.ts";
import type { createGateway } from "../../src/app/gateway.ts";

export type Gateway = ReturnType<typeof createGateway>;

export const tokenOf = (subject: string, scopes: readonly Scope[] = ALL_SCOPES) =>
  mintToken({ subject, scopes, ttl: "10m" });

/** POSTs a JSON body; `token` null sends no Authorization header. */
export function send(
  gateway: Gateway,
  body: unknown,
  token: string | null,
  accept = "application/graphql-response+json",
) {
  return gateway.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export async function run<T, V>(
  gateway: Gateway,
  document: TypedDocumentNode<T, V>,
  variables: V,
  token: string | null,
) {
  const response = await send(gateway, { query: print(document), variables }, token);
  return { status: response.status, ...((await response.json()) as ExecutionResult<T>) };
}
