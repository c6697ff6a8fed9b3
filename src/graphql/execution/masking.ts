// What clients see of unexpected errors: nothing internal. Two database failures are worth
// naming: one that cannot be reached, as SERVICE_UNAVAILABLE, so clients retry; and a statement
// cancelled by STATEMENT_TIMEOUT, as LIMIT_EXCEEDED, so clients ask for less.
import { GraphQLError } from "graphql";
import { maskError as defaultMaskError } from "graphql-yoga";
import { env } from "../../config/env.ts";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

const STATEMENT_TIMEOUT_TEXT = /canceling statement due to statement timeout/i;

/** Whether an error (or anything in its cause chain) is PostgreSQL cancelling a statement at STATEMENT_TIMEOUT. */
export function isStatementTimeout(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 5) return false;
  if (STATEMENT_TIMEOUT_TEXT.test(error.message)) return true;
  const nested = error instanceof GraphQLError ? error.originalError : error.cause;
  return isStatementTimeout(nested, depth + 1);
}

const inWords = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`);

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (isStatementTimeout(error)) {
    // At the field's path, like any field error (HTTP 200, the rest of the data kept).
    const at = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};
    const limit = inWords(env.statementTimeoutMs);
    return new GraphQLError(`The query took longer than ${limit} (STATEMENT_TIMEOUT) and was cancelled; ask for less`, {
      ...at,
      extensions: { code: "LIMIT_EXCEEDED" },
    });
  }
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError("The database is unavailable; retry shortly", {
      extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: { "retry-after": "2" } } },
    });
  }
  return defaultMaskError(error, message, isDev);
}
