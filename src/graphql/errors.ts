// Expected failures: GraphQL errors with a machine-readable extensions.code and, for
// input errors, the path of the input field at fault. Anything else is masked by Yoga.
import { createGraphQLError } from "graphql-yoga";

export type ErrorCode =
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "CONFLICT"
  | "LIMIT_EXCEEDED"
  | "SERVICE_UNAVAILABLE";

export function domainError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
  return createGraphQLError(message, { extensions: { code, ...extensions } });
}

/** Bad input; `field` is the argument or input path at fault, e.g. "input.numberCycles". */
export function badUserInput(message: string, field?: string) {
  return domainError("BAD_USER_INPUT", message, field ? { field } : {});
}

export function notFound(message: string, field?: string) {
  return domainError("NOT_FOUND", message, field ? { field } : {});
}

/** A request without a token reached something that needs one. */
export function authenticationRequired() {
  return domainError("UNAUTHENTICATED", "Authentication required: send Authorization: Bearer <token>");
}
