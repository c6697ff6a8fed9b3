// One structured log line per GraphQL operation, carrying the request id; unexpected errors
// (masked for the client) are logged here with their stack so they can be found by that id.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";
import type { Context } from "../../graphql/context.ts";
import { logger } from "../../config/logger.ts";

/** Thrown by our code or a library (not a GraphQL error about the request itself). */
function isUnexpected(error: GraphQLError): boolean {
  if (error.extensions?.code === "INTERNAL_SERVER_ERROR") return true;
  return error.originalError !== undefined && !(error.originalError instanceof GraphQLError);
}

export const requestLogPlugin: Plugin<Context> = {
  onExecute({ args }) {
    const started = performance.now();
    return {
      onExecuteDone({ result }) {
        if (Symbol.asyncIterator in result) return;
        const context = args.contextValue as Context;
        const log = logger.child({ requestId: context.requestId });
        const errors = result.errors ?? [];
        for (const error of errors.filter(isUnexpected)) {
          const original = (error.originalError as Error | undefined) ?? error;
          log.error({ err: original, path: error.path }, "unexpected error (masked for the client)");
        }
        log.debug(
          { operation: args.operationName ?? null, ms: Math.round(performance.now() - started), errors: errors.length },
          "graphql operation",
        );
      },
    };
  },
};
