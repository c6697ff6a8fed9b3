// Response caching for read-only queries, per session (the verified token's subject and
// scopes), in memory or in Redis. No read is stale after a change: every key carries the write
// epoch it was read at, and a hit counts only while that epoch is current; every committed write
// (a mutation, a background job, anything) bumps it (write-epoch.ts).
import { createHash, randomUUID } from "node:crypto";
import { createRedisCache } from "@envelop/response-cache-redis";
import { type Cache, createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import type { Plugin } from "graphql-yoga";
import { Redis } from "ioredis";
import { viewerOfRequest } from "../security/bearer.ts";
import { logger } from "../../config/logger.ts";
import { processEpoch, sharedEpoch } from "./write-epoch.ts";

export interface ResponseCacheOptions {
  /** Off with RESPONSE_CACHE=false (the test suite's default, so statement counts stay honest). */
  enabled: boolean;
  /** Longest life of a cached response (a write ends it sooner: see write-epoch.ts). */
  ttlMs: number;
  /** Shared Redis cache for several gateway processes; in memory when absent. */
  redisUrl?: string | undefined;
}

/**
 * A JSON.stringify replacer leaving out the fields the cache adds to a mutation's selection to
 * learn what it changed (`__responseCacheTypeName`, `__responseCacheId`): it removes them from
 * the answer only after every earlier plugin's onExecuteDone, such as the idempotency store's.
 */
export const withoutCacheFields = (key: string, value: unknown) =>
  key.startsWith("__responseCache") ? undefined : value;

/**
 * Cached responses are served before the request's context exists, so the session comes from
 * the token itself, verified here: a forged token with someone's subject never matches.
 */
async function sessionOf(request: Request): Promise<string> {
  try {
    const viewer = await viewerOfRequest(request);
    if (!viewer) return "anonymous";
    return createHash("sha256")
      .update(JSON.stringify([viewer.subject, [...viewer.scopes].sort()]))
      .digest("hex");
  } catch {
    return `rejected:${randomUUID()}`; // never a hit; the normal path answers 401
  }
}

/** A Redis outage costs cache misses, never failed requests (commands fail fast, not queued). */
function redisStore(url: string): Cache {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on("error", (error: Error) => logger.warn({ err: error.message }, "response cache: Redis unavailable"));
  const store = createRedisCache({ redis });
  const quietly = async <T>(work: () => Promise<T> | T, fallback: T) => {
    try {
      return await work();
    } catch {
      return fallback;
    }
  };
  return {
    get: (key) => quietly(() => store.get(key), null),
    set: (key, result, entities, ttl) => quietly(() => store.set(key, result, entities, ttl), undefined),
    invalidate: (entities) => quietly(() => store.invalidate(entities), undefined),
  };
}

export function responseCachePlugins(options: ResponseCacheOptions): Plugin[] {
  // Shared even with the cache off here: another instance's cache must see this one's writes.
  const epoch = options.redisUrl ? sharedEpoch(options.redisUrl) : processEpoch;
  if (!options.enabled) return [];
  const store = options.redisUrl ? redisStore(options.redisUrl) : createInMemoryCache({ max: 1000 });
  const cache: Cache = {
    // Also the gate of If-None-Match revalidation, which looks a key up by itself.
    async get(key) {
      return key.startsWith(`${await epoch.current()}:`) ? store.get(key) : undefined;
    },
    set: (key, result, entities, ttl) => store.set(key, result, entities, ttl),
    invalidate: (entities) => store.invalidate(entities),
  };
  return [
    useResponseCache({
      session: (request) => sessionOf(request),
      cache,
      ttl: options.ttlMs,
      includeExtensionMetadata: false,
      // The epoch is read before the query runs: an answer read before a write is stored under the old one.
      async buildResponseCacheKey(params) {
        const { sessionId, operationName, documentString, variableValues } = params;
        const asked = JSON.stringify([sessionId, operationName, documentString, variableValues]);
        const hash = createHash("sha256").update(asked).digest("hex");
        return `${await epoch.current()}:${hash}`;
      },
    }),
  ];
}
