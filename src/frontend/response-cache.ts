// Response caching for read-only queries, per session (the verified token's subject and
// scopes), in memory or in Redis. Invalidation is deliberately coarse so no read is stale
// after a mutation: a cached response is tagged with every object type its root fields can
// reach, and a mutation invalidates every type its payload returns (Batch, ProcessStatus,
// ...) — which also drops list queries such as `batches { totalCount }` after a create.
import { createHash, randomUUID } from "node:crypto";
import { createRedisCache } from "@envelop/response-cache-redis";
import { type Cache, createInMemoryCache, useResponseCache } from "@graphql-yoga/plugin-response-cache";
import { type DocumentNode, type GraphQLSchema, getNamedType, getOperationAST, parse } from "graphql";
import type { Plugin } from "graphql-yoga";
import { Redis } from "ioredis";
import { viewerOfRequest } from "../auth/bearer.ts";
import { logger } from "../logger.ts";
import { payloadObjectTypes, reachableObjectTypes } from "./reachable-types.ts";

export interface ResponseCacheOptions {
  /** Off with RESPONSE_CACHE=false (the test suite's default, so statement counts stay honest). */
  enabled: boolean;
  /** Longest life of a cached response: background jobs' changes show up within it. */
  ttlMs: number;
  /** Shared Redis cache for several gateway processes; in memory when absent. */
  redisUrl?: string | undefined;
}

type Tag = { typename: string };

/**
 * A JSON.stringify replacer leaving out the fields the cache adds to a mutation's selection to
 * learn what it changed (`__responseCacheTypeName`, `__responseCacheId`): it removes them from
 * the answer only after every earlier plugin's onExecuteDone, such as the idempotency store's.
 */
export const withoutCacheFields = (key: string, value: unknown) =>
  key.startsWith("__responseCache") ? undefined : value;

/** Object types the operation's root fields reach (queries) or hand back (mutation payloads). */
function tagsOf(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): Tag[] {
  const operation = getOperationAST(document, operationName);
  const root = operation?.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  const names = new Set<string>();
  for (const selection of operation?.selectionSet.selections ?? []) {
    const field = selection.kind === "Field" ? root?.getFields()[selection.name.value] : undefined;
    if (!field) continue;
    const types = operation!.operation === "mutation" ? payloadObjectTypes(field) : reachableObjectTypes(schema, getNamedType(field.type));
    types.forEach((name) => names.add(name));
  }
  return [...names].map((typename) => ({ typename }));
}

/**
 * Cached responses are served before the request's context exists, so the session comes from
 * the token itself, verified here: a forged token with someone's subject never matches.
 */
async function sessionOf(request: Request): Promise<string> {
  try {
    const viewer = await viewerOfRequest(request);
    if (!viewer) return "anonymous";
    return createHash("sha256").update(JSON.stringify([viewer.subject, [...viewer.scopes].sort()])).digest("hex");
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

export function responseCachePlugins(schema: GraphQLSchema, options: ResponseCacheOptions): Plugin[] {
  if (!options.enabled) return [];
  const store = options.redisUrl ? redisStore(options.redisUrl) : createInMemoryCache({ max: 1000 });
  // The cache key's document, kept until the response is stored (bounded: hits never store).
  const documentsByKey = new Map<string, { document: string; operationName?: string | null | undefined }>();
  const cache: Cache = {
    get: (key) => store.get(key),
    invalidate: (entities) => store.invalidate(entities),
    set(key, result, entities, ttl) {
      const source = documentsByKey.get(key);
      documentsByKey.delete(key);
      // Untagged responses could go stale after a create, so they are not kept at all.
      if (!source?.document) return;
      return store.set(key, result, [...entities, ...tagsOf(schema, parse(source.document), source.operationName)], ttl);
    },
  };
  const invalidateMutations: Plugin = {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== "mutation") return;
      const tags = tagsOf(schema, args.document, args.operationName);
      return { onExecuteDone: () => store.invalidate(tags) };
    },
  };
  return [
    invalidateMutations,
    useResponseCache({
      session: (request) => sessionOf(request),
      cache,
      ttl: options.ttlMs,
      includeExtensionMetadata: false,
      buildResponseCacheKey(params) {
        const { sessionId, operationName, documentString, variableValues } = params;
        const key = createHash("sha256").update(JSON.stringify([sessionId, operationName, documentString, variableValues])).digest("hex");
        if (documentsByKey.size >= 1000) documentsByKey.delete(documentsByKey.keys().next().value!);
        documentsByKey.set(key, { document: params.documentString, operationName: params.operationName });
        return key;
      },
    }),
  ];
}
