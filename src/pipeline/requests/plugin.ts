// The Yoga plugin for X-Request-Id and X-Correlation-Id: both echoed on every response; a
// request id that is not a GUID is refused before any SQL; a mutation sent with one runs at
// most once and its first response is replayed for every repeat, for every domain alike.
import { getOperationAST, type OperationDefinitionNode } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import type { Context } from "../../graphql/context.ts";
import { badUserInput } from "../../graphql/errors.ts";
import { decide, isExpected, serialize } from "./idempotency.ts";
import { fingerprint, release, storeResponse } from "../../data/idempotency/store.ts";
import { isGuid, requestIdsOf } from "./request-ids.ts";

function operationName(operation: OperationDefinitionNode): string {
  if (operation.name) return operation.name.value;
  return operation.selectionSet.selections
    .map((selection) => (selection.kind === "Field" ? selection.name.value : ""))
    .join(",");
}

export const requestHeadersPlugin: Plugin<Context & YogaInitialContext> = {
  async onExecute({ args, setResultAndStopExecution, extendContext }) {
    const context = args.contextValue as Context & YogaInitialContext;
    const ids = requestIdsOf(context.request);
    if (!ids.requestIdGiven) return;
    if (!isGuid(ids.requestId)) {
      setResultAndStopExecution({
        errors: [
          badUserInput(
            `X-Request-Id must be a GUID (e.g. 123e4567-e89b-12d3-a456-426614174000), got "${ids.requestId}"`,
            "X-Request-Id",
          ),
        ],
      });
      return;
    }
    const operation = getOperationAST(args.document, args.operationName);
    // Without a verified caller the mutation fails anyway; nothing is worth remembering.
    if (operation?.operation !== "mutation" || !context.viewer) return;
    const name = operationName(operation);
    const operationKey = fingerprint(context.viewer.subject, name, context.params.query ?? "", args.variableValues);
    const decision = await decide(ids.requestId, operationKey, args.document.loc?.source);
    if (decision.kind === "replay") ids.replayed = true;
    if (decision.kind !== "run") {
      setResultAndStopExecution(decision.kind === "replay" ? decision.result : { errors: [decision.error] });
      return;
    }
    // The mutation fields record their outcomes under this id and answer the ones already committed.
    extendContext({ idempotency: { requestId: ids.requestId, committed: decision.committed } });
    return {
      async onExecuteDone({ result }) {
        const done = Symbol.asyncIterator in result ? undefined : result;
        // An unexpected failure may not happen again: the id is given back so a retry can run.
        if (!done || done.errors?.some((error) => !isExpected(error))) await release(ids.requestId);
        else await storeResponse(ids.requestId, serialize(done));
      },
    };
  },
  onResponse({ request, response }) {
    const ids = requestIdsOf(request);
    response.headers.set("x-request-id", ids.requestId);
    response.headers.set("x-correlation-id", ids.correlationId);
    if (ids.replayed) response.headers.set("idempotent-replayed", "true");
  },
};
