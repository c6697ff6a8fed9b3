// The two ids a request carries: X-Request-Id (a GUID naming this request, the key of
// idempotency) and X-Correlation-Id (any text tying transactions across systems). Both are
// generated when absent — as UUIDs, which contain no "." — and echoed in the response.
import { randomUUID } from "node:crypto";

export interface RequestIds {
  requestId: string;
  /** Whether the client sent X-Request-Id (only then is a mutation idempotent). */
  requestIdGiven: boolean;
  correlationId: string;
  /** Set when the response is a stored one replayed for a repeated X-Request-Id. */
  replayed: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

const idsByRequest = new WeakMap<Request, RequestIds>();

/** The ids of a request, the same object every time it is asked for. */
export function requestIdsOf(request: Request): RequestIds {
  let ids = idsByRequest.get(request);
  if (!ids) {
    const given = request.headers.get("x-request-id");
    ids = {
      requestId: given ?? randomUUID(),
      requestIdGiven: given !== null,
      correlationId: request.headers.get("x-correlation-id") || randomUUID(),
      replayed: false,
    };
    idsByRequest.set(request, ids);
  }
  return ids;
}
