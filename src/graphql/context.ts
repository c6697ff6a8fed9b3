// What resolvers and plugins know about one request: the Context type (built per request by
// src/app/context.ts). Read-only data: who is asking and the request id. Per-request DataLoaders
// live in the Pothos dataloader plugin's cache, keyed on this object, so no loader is ever
// shared across requests. Types only, so every layer may name the context without importing
// the pipeline that fills it.
import type { Scope } from "./scopes.ts";

/** Who a verified bearer token stands for (src/pipeline/security/tokens.ts verifies it). */
export interface Viewer {
  subject: string;
  scopes: ReadonlySet<Scope>;
}

/**
 * What a mutation field of an idempotent request committed (src/data/idempotency/outcomes.ts
 * stores it): its payload (the object the field's resolver returned), or the expected error it threw.
 */
export type Outcome = { payload: unknown } | { error: { message: string; extensions: Record<string, unknown> } };

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
