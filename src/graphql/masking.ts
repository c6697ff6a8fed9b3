// What clients see of unexpected errors: nothing internal. A database that cannot be reached
// is the one unexpected failure worth naming, as SERVICE_UNAVAILABLE, so clients retry.
import { GraphQLError } from "graphql";
import { maskError as defaultMaskError } from "graphql-yoga";
import { isDatabaseUnavailable } from "./database-unavailable.ts";

export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  if (isDatabaseUnavailable(error)) {
    return new GraphQLError("The database is unavailable; retry shortly", {
      extensions: { code: "SERVICE_UNAVAILABLE", http: { status: 503, headers: { "retry-after": "2" } } },
    });
  }
  return defaultMaskError(error, message, isDev);
}
