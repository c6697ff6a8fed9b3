// Read-only data about one request: who is asking and the request id. Per-request
// DataLoaders live in the Pothos dataloader plugin's cache, keyed on this object, so no
// loader is ever shared across requests.
import type { IncomingMessage } from "node:http";
import type { YogaInitialContext } from "graphql-yoga";
import { viewerOfRequest } from "../pipeline/security/bearer.ts";
import type { Viewer } from "../pipeline/security/tokens.ts";
import { env } from "../config/env.ts";
import { domainError } from "../graphql/errors.ts";
import type { Outcome } from "../data/idempotency/outcomes.ts";
import { requestIdsOf } from "../pipeline/requests/request-ids.ts";

export interface Context {
  /** The X-Request-Id of the request (generated when absent), carried by every log line. */
  requestId: string;
  /** The verified bearer of the request's token; null without a token. */
  viewer: Viewer | null;
  /**
   * Whether root fields plan their whole selection into SQL (src/data/planner); false answers
   * every field through its own batched loaders (PLANNER=false; the reference the planner is tested against).
   */
  planner: boolean;
  /**
   * Set for a mutation sent with an X-Request-Id this request has claimed (src/pipeline/requests/plugin.ts):
   * its fields record their outcomes, and answer those an earlier attempt already committed.
   */
  idempotency?: { requestId: string; committed: ReadonlyMap<string, Outcome> };
}

/**
 * Beside Yoga's own, the server context of an operation that arrived over a WebSocket
 * (src/pipeline/transport/websocket.ts): `websocket` is the graphql-ws connection, the same object for every
 * operation sent on it; `req` is the HTTP upgrade request that opened it.
 */
export interface WebSocketServerContext {
  websocket: object;
  req: IncomingMessage;
}

/** The WebSocket connection an operation came over; undefined over HTTP. */
export function websocketOf(context: unknown): object | undefined {
  return (context as Partial<WebSocketServerContext> | undefined)?.websocket;
}

async function viewerOf(request: Request): Promise<Viewer | null> {
  try {
    return await viewerOfRequest(request);
  } catch {
    // Why a token failed (expired, signature, issuer) is not revealed to the client.
    throw domainError("UNAUTHENTICATED", "The bearer token is invalid or expired", {
      http: { status: 401, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } },
    });
  }
}

export async function createContext(initial: YogaInitialContext, options: { planner?: boolean } = {}): Promise<Context> {
  return {
    requestId: requestIdsOf(initial.request).requestId,
    viewer: await viewerOf(initial.request),
    planner: options.planner ?? env.planner,
  };
}
