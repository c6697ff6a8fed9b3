// What clients see of unexpected errors: nothing internal. A database that cannot be reached
// is the one unexpected failure worth naming, as SERVICE_UNAVAILABLE, so clients retry.
import { GraphQLError } from "graphql";
import { maskError as defaultMaskError } from "graphql-yoga";

const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02", "57P03", "P1001", "P1017"]);
const UNREACHABLE_TEXT =
  /ECONNREFUSED|Connection terminated|Can't reach database|connect ETIMEDOUT|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|terminating connection/i;

/** Whether an error (or anything in its cause chain) says the database could not be reached. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
  if (UNREACHABLE_TEXT.test(error.message)) return true;
  const nested = error instanceof GraphQLError ? error.originalError : error.cause;
  return isDatabaseUnavailable(nested, depth + 1);
}

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError("The database is unavailable; retry shortly", {
      extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: { "retry-after": "2" } } },
    });
  }
  return defaultMaskError(error, message, isDev);
}
