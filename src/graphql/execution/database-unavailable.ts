// Whether a failure means the database could not be used at all — down, restarting, refusing
// connections, a connection cut mid-request, or no connection free before the request's
// deadline — rather than a fault in the request or the code. Such failures come in many
// shapes: Node's socket errors, PostgreSQL's SQLSTATEs, node-postgres's own messages, Prisma's
// error codes and its driver adapter's error kinds, PGlite's. Each is recognised where it sits
// in the chain of causes; test/static/database-outage.test.ts stops PostgreSQL under load to
// find them, test/platform/database-unavailable.test.ts makes each with the real drivers.

/** Node socket errors, PostgreSQL SQLSTATEs and Prisma codes that mean "unreachable". */
const CODES = new Set([
  // Node: refused, reset, timed out, no route, no such host
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  // PostgreSQL: class 08 (connection exception), shutting down or starting up, too many connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "08007",
  "08P01",
  "57P01",
  "57P02",
  "57P03",
  "53300",
  // Prisma: can't reach, timed out reaching, operations timed out, connection closed,
  // no connection from the pool in time, too many connections
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2037",
]);

/** Prisma's driver adapter error kinds (DriverAdapterError.cause.kind) with the same meaning. */
const KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);

const MESSAGES = new RegExp(
  [
    // sockets, Prisma
    "ECONNREFUSED",
    "connect ETIMEDOUT",
    "Can't reach database",
    // node-postgres
    "Connection terminated",
    "Client has encountered a connection error",
    "Client was closed and is not queryable",
    // pg-pool: the deadline passed; the pool is shutting down
    "timeout exceeded when trying to connect",
    "Cannot use a pool after calling end",
    // PostgreSQL
    "the database system is (shutting down|starting up|in recovery mode)",
    "terminating connection",
    "too many clients already",
    // Prisma
    "Unable to start a transaction in the given time",
    "Server has closed the connection",
    // the embedded database, while the process shuts down
    "PGlite is clos(ed|ing)",
  ].join("|"),
  "i",
);

type Failure = {
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  originalMessage?: unknown;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

/** Whether `error`, or anything in its chain of causes, says the database could not be used. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== "object" || depth > 8) return false;
  const failure = error as Failure;
  const codes = [failure.code, failure.errorCode, failure.originalCode];
  if (codes.some((code) => typeof code === "string" && CODES.has(code))) return true;
  if (typeof failure.kind === "string" && KINDS.has(failure.kind)) return true;
  const messages = [failure.message, failure.originalMessage];
  if (messages.some((message) => typeof message === "string" && MESSAGES.test(message))) return true;
  const errors = Array.isArray(failure.errors) ? failure.errors : [];
  const nested = [failure.cause, failure.originalError, failure.meta?.driverAdapterError, ...errors];
  return nested.some((cause) => cause !== error && isDatabaseUnavailable(cause, depth + 1));
}
