// Read-only data about one request. Per-request DataLoaders live in the Pothos dataloader
// plugin's cache, keyed on this object, so no loader is ever shared across requests.
import { randomUUID } from "node:crypto";
import type { YogaInitialContext } from "graphql-yoga";

export interface Context {
  /** The X-Request-Id of the request (generated when absent), carried by every log line. */
  requestId: string;
}

export function createContext(initial: YogaInitialContext): Context {
  return { requestId: initial.request.headers.get("x-request-id") ?? randomUUID() };
}
