// Read-only data about one request: who is asking and the request id. Per-request
// DataLoaders live in the Pothos dataloader plugin's cache, keyed on this object, so no
// loader is ever shared across requests.
import type { YogaInitialContext } from "graphql-yoga";
import { viewerOfRequest } from "./auth/bearer.ts";
import type { Viewer } from "./auth/tokens.ts";
import { env } from "./env.ts";
import { domainError } from "./graphql/errors.ts";
import { requestIdsOf } from "./requests/request-ids.ts";

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
