// Rate limiting per bearer token, or per client IP without one: HTTP 429 with Retry-After.
// State lives in Redis when REDIS_URL is set (shared by every instance), else in memory.
import { createHash } from "node:crypto";
import type { Plugin } from "graphql-yoga";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "../env.ts";
import { logger } from "../logger.ts";

export interface RateLimitOptions {
  /** Requests allowed per key and window; 0 disables the limit. */
  points: number;
  windowSeconds: number;
  redisUrl?: string;
}

function clientKey(request: Request, serverContext: unknown): string {
  const authorization = request.headers.get("authorization");
  if (authorization) return `token:${createHash("sha256").update(authorization).digest("base64url").slice(0, 22)}`;
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket;
  return `ip:${socket?.remoteAddress ?? "unknown"}`;
}

function tooManyRequests(retryAfterMs: number): Response {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const body = { errors: [{ message: `Too many requests; retry after ${seconds} s`, extensions: { code: "LIMIT_EXCEEDED" } }] };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": String(seconds) },
  });
}

export function rateLimitPlugin(options: RateLimitOptions = { ...env.rateLimit, redisUrl: env.redisUrl }): Plugin {
  if (options.points === 0) return {};
  const common = { points: options.points, duration: options.windowSeconds, keyPrefix: "gateway-rate" };
  const limiter = options.redisUrl
    ? new RateLimiterRedis({ ...common, storeClient: new Redis(options.redisUrl, { enableOfflineQueue: false, lazyConnect: false }) })
    : new RateLimiterMemory(common);
  return {
    async onRequest({ request, serverContext, endResponse }) {
      try {
        await limiter.consume(clientKey(request, serverContext));
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return endResponse(tooManyRequests(rejection.msBeforeNext));
        // The shared store is unreachable: serve rather than fail every request.
        logger.warn({ err: rejection }, "rate limiter store unavailable; request not counted");
      }
    },
  };
}
