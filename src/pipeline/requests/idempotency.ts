// Deciding what a mutation sent with an X-Request-Id does: run (this request owns the id, and
// resumes what an earlier attempt committed), replay (a response is stored), or refuse (the id
// was used for another request, or its first request is still running after we waited).
import { type ExecutionResult, GraphQLError, type Source } from "graphql";
import { withoutCacheFields } from "../delivery/response-cache.ts";
import { domainError } from "../../graphql/errors.ts";
import { claim, storedRequest } from "../../data/idempotency/store.ts";
import { committedOutcomes } from "../../data/idempotency/outcomes.ts";
import type { Outcome } from "../../graphql/context.ts";

export type Decision =
  | { kind: "run"; committed: ReadonlyMap<string, Outcome> }
  | { kind: "replay"; result: ExecutionResult }
  | { kind: "refuse"; error: GraphQLError };

/** How long a duplicate waits for the first request's response before giving up. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function decide(
  requestId: string,
  operation: string,
  source?: Source,
  waitMs = WAIT_MS,
): Promise<Decision> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const claimed = await claim(requestId, operation);
    if (claimed === "new") return { kind: "run", committed: new Map() };
    // A claim taken over resumes: the fields that committed the first time answer what they did then.
    if (claimed === "resumed") return { kind: "run", committed: await committedOutcomes(requestId) };
    const stored = await storedRequest(requestId);
    if (stored && stored.operation !== operation) {
      return {
        kind: "refuse",
        error: conflict(`X-Request-Id ${requestId} was already used for a different request; send a new GUID`),
      };
    }
    if (stored && stored.response !== null)
      return { kind: "replay", result: revive(JSON.parse(stored.response as string) as StoredResult, source) };
    if (Date.now() > deadline) {
      return {
        kind: "refuse",
        error: conflict(`The request with X-Request-Id ${requestId} is still being processed; retry later`),
      };
    }
    await sleep(POLL_MS);
  }
}

const conflict = (message: string) => domainError("CONFLICT", message, { field: "X-Request-Id" });

interface StoredError {
  message: string;
  path?: (string | number)[];
  positions?: number[];
  extensions?: Record<string, unknown>;
}

interface StoredResult {
  data?: Record<string, unknown> | null;
  errors?: StoredError[];
}

/**
 * The result as JSON text (kept as a jsonb string: jsonb objects would lose the field order the
 * query asked for); errors keep message, path, extensions and their positions in the query. The
 * response cache's own fields are left out, so a replay is byte for byte the first answer.
 */
export function serialize(result: ExecutionResult): string {
  const errors = result.errors?.map((error) => ({ ...error.toJSON(), positions: error.positions }));
  return JSON.stringify({ ...result, errors }, withoutCacheFields);
}

/**
 * Stored errors become GraphQL errors again, so they are neither masked nor counted unexpected;
 * their positions point into `source`, the same query text (the fingerprint guarantees it).
 */
function revive(stored: StoredResult, source: Source | undefined): ExecutionResult {
  if (!stored.errors) return { data: stored.data };
  const errors = stored.errors.map(
    ({ message, path, positions, extensions }) => new GraphQLError(message, { path, extensions, source, positions }),
  );
  return { data: stored.data, errors };
}

/** Whether an error is one the code meant to raise (a GraphQLError all the way down). */
export function isExpected(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null || isExpected(error.originalError);
}
