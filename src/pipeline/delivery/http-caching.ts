// Cache-Control for answers to GET requests (persisted operations by `?documentId=`, or a query
// in the URL), so browsers and CDNs may keep them. The choice:
// - only GET: over POST nothing is cached by HTTP caches anyway, and Yoga refuses a mutation
//   over GET (405), so no mutation answer is ever marked cacheable;
// - only a single query result without errors (an error may be passing: an outage, a deadline);
//   anything else, the GraphiQL page included (it may carry a development token), is no-store;
// - an answer to a request with a token is `private`: only that browser may keep it, never a
//   shared cache, because what a token may read differs per token. `Vary: Authorization` says so
//   to caches that ignore `private`. An answer without a token is the same for everyone, so it is
//   `public` and a CDN may serve it (today every root field needs a scope, so that is
//   introspection and errors only, but it stays right as public fields appear);
// - the lifetime is short (HTTP_CACHE_MAX_AGE, 10 s): the server-side response cache is ended by
//   the next write (write epoch), an HTTP cache cannot be, so this bounds how stale a read may be.
import { isAsyncIterable } from "@graphql-tools/utils";
import type { Plugin } from "graphql-yoga";

const cacheable = new WeakSet<Request>();

export function httpCachingPlugin(options: { maxAgeMs: number; endpoint: string }): Plugin {
  const maxAge = Math.floor(options.maxAgeMs / 1000);
  return {
    onResultProcess({ request, result }) {
      if (request.method !== "GET" || Array.isArray(result) || isAsyncIterable(result)) return;
      if (!result.errors?.length) cacheable.add(request);
    },
    onResponse({ request, response }) {
      if (request.method !== "GET" || new URL(request.url).pathname !== options.endpoint) return;
      response.headers.append("vary", "Authorization");
      if (!cacheable.has(request) || maxAge <= 0 || response.status !== 200) {
        response.headers.set("cache-control", "no-store");
        return;
      }
      const audience = request.headers.has("authorization") ? "private" : "public";
      response.headers.set("cache-control", `${audience}, max-age=${maxAge}`);
    },
  };
}
