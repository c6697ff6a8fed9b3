// Builds the per-request context (its type: src/graphql/context.ts) from the request: the
// verified viewer and the request id. Here, in the composition root, because it joins the
// pipeline's token verification and request ids to the type every layer shares.
import type { YogaInitialContext } from "graphql-yoga";
import { env } from "../config/env.ts";
import type { Context, Viewer } from "../graphql/context.ts";
import { domainError } from "../graphql/errors.ts";
import { requestIdsOf } from "../pipeline/requests/request-ids.ts";
import { viewerOfRequest } from "../pipeline/security/bearer.ts";

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

export async function createContext(
  initial: YogaInitialContext,
  options: { planner?: boolean } = {},
): Promise<Context> {
  return {
    requestId: requestIdsOf(initial.request).requestId,
    viewer: await viewerOf(initial.request),
    planner: options.planner ?? env.planner,
  };
}
