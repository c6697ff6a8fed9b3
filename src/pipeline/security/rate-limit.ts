// Rate limiting per caller: the verified token's subject, or the client IP when there is no
// valid token (so respelling the Authorization header — `bearer`, extra spaces, a forged
// token — never opens a fresh bucket). HTTP requests past the limit get 429 with Retry-After;
// each WebSocket operation (a graphql-ws subscribe message, which never passes onRequest)
// counts against the same bucket and is refused on its own, leaving the socket open.
// State lives in Redis when REDIS_URL is set (shared by every instance), else in memory.
import type { Plugin } from "graphql-yoga";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { viewerOfRequest } from "./bearer.ts";
import type { Viewer } from "../../graphql/context.ts";
import { websocketOf } from "../transport/connection.ts";
import { env } from "../../config/env.ts";
import { domainError } from "../../graphql/errors.ts";
import { logger } from "../../config/logger.ts";

export interface RateLimitOptions {
  /** Requests allowed per key and window; 0 disables the limit. */
  points: number;
  windowSeconds: number;
  redisUrl?: string;
}

/** Who is asking, for limits: the token's subject, or the client's address without a valid token. */
export function callerKey(viewer: Viewer | null, serverContext: unknown): string {
  if (viewer) return `subject:${viewer.subject}`;
  const socket = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket;
  return `ip:${socket?.remoteAddress ?? "unknown"}`;
}

async function requestCallerKey(request: Request, serverContext: unknown): Promise<string> {
  return callerKey(await viewerOfRequest(request).catch(() => null), serverContext);
}

function retryAfterSeconds(rejection: RateLimiterRes): number {
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}

function tooManyRequests(seconds: number): Response {
  const body = {
    errors: [{ message: `Too many requests; retry after ${seconds} s`, extensions: { code: "LIMIT_EXCEEDED" } }],
  };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { "content-type": "application/json", "retry-after": String(seconds) },
  });
}

export function rateLimitPlugin(options: RateLimitOptions = { ...env.rateLimit, redisUrl: env.redisUrl }): Plugin {
  if (options.points === 0) return {};
  const common = { points: options.points, duration: options.windowSeconds, keyPrefix: "gateway-rate" };
  const limiter = options.redisUrl
    ? new RateLimiterRedis({
        ...common,
        storeClient: new Redis(options.redisUrl, { enableOfflineQueue: false, lazyConnect: false }),
      })
    : new RateLimiterMemory(common);

  /** The seconds to wait when `key` is over its limit, else undefined (counted). */
  async function overLimit(key: string): Promise<number | undefined> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return retryAfterSeconds(rejection);
      // The shared store is unreachable: serve rather than fail every request.
      logger.warn({ err: rejection }, "rate limiter store unavailable; request not counted");
    }
    return undefined;
  }

  return {
    async onRequest({ request, serverContext, endResponse }) {
      const seconds = await overLimit(await requestCallerKey(request, serverContext));
      if (seconds !== undefined) endResponse(tooManyRequests(seconds));
    },
    async onParams({ request, context }) {
      if (!websocketOf(context)) return; // HTTP requests were counted in onRequest
      const seconds = await overLimit(await requestCallerKey(request, context));
      if (seconds === undefined) return;
      throw domainError("LIMIT_EXCEEDED", `Too many requests; retry after ${seconds} s`, { retryAfter: seconds });
    },
  };
}
