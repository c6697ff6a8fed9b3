// GraphiQL as analysts see it: served without a CDN (the bundle is inlined), one example tab
// per domain and, with the generated development secret, a ready all-scopes token.
import { renderGraphiQL } from "@graphql-yoga/render-graphiql";
import type { GraphiQLOptions } from "graphql-yoga";
import { ALL_SCOPES } from "../auth/scopes.ts";
import { mintToken, usesDevelopmentSecret } from "../auth/tokens.ts";
import { env } from "../env.ts";
import { exampleOperations } from "./examples.ts";

export { renderGraphiQL };

let developmentToken: Promise<string> | undefined;

/** With the generated development secret: a ready all-scopes token for GraphiQL and the start-up banner. */
export function developmentTokenIfAny(): Promise<string> | undefined {
  if (!usesDevelopmentSecret || env.isProduction) return undefined;
  return (developmentToken ??= mintToken({ scopes: ALL_SCOPES, subject: "developer", ttl: "30d" }));
}

export async function graphiqlOptions(): Promise<GraphiQLOptions> {
  const token = await developmentTokenIfAny();
  const headers = token ? JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) : undefined;
  return {
    title: "Batch gateway",
    defaultQuery: exampleOperations[0]!.document,
    defaultTabs: exampleOperations.map(({ document }) => ({ query: document, headers: headers ?? null })),
    ...(headers ? { headers, defaultHeaders: headers } : {}),
  };
}
