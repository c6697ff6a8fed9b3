// GraphiQL as analysts see it: served without a CDN (the bundle is inlined), one example tab
// per domain and, with the generated development secret, a ready all-scopes token.
import type { GraphiQLOptions } from "graphql-yoga";
import { ALL_SCOPES } from "../../graphql/scopes.ts";
import { usesDevelopmentSecret } from "../../config/secrets.ts";
import { mintToken } from "../security/tokens.ts";
import { env } from "../../config/env.ts";
import { exampleOperations } from "./examples.ts";

/**
 * The GraphiQL page, its bundle loaded on the first page asked for: the module holds the whole
 * inlined bundle (about 9 MB of source) and costs the process about 70 MB of RSS once imported
 * (measured: bench/memory.ts), which a server that never serves the page (production, where
 * GRAPHIQL is off by default, or any API-only deployment) should not pay.
 */
export async function renderGraphiQL(options: GraphiQLOptions): Promise<string> {
  const { renderGraphiQL: render } = await import("@graphql-yoga/render-graphiql");
  return render(options);
}

let developmentToken: { token: Promise<string>; mintedAt: number } | undefined;

/**
 * With the generated development secret: a ready all-scopes token for GraphiQL and the start-up
 * banner, living as long as JWT_MAX_LIFETIME allows. Minted at each start, and again once half
 * its life is gone, so GraphiQL (which fetches its options with each page load) always sends
 * one that works.
 */
export function developmentTokenIfAny(): Promise<string> | undefined {
  if (!usesDevelopmentSecret || env.isProduction) return undefined;
  const now = Date.now();
  if (!developmentToken || now - developmentToken.mintedAt > env.jwtMaxLifetimeMs / 2) {
    const ttl = `${Math.floor(env.jwtMaxLifetimeMs / 1000)}s`;
    developmentToken = { token: mintToken({ scopes: ALL_SCOPES, subject: "developer", ttl }), mintedAt: now };
  }
  return developmentToken.token;
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
