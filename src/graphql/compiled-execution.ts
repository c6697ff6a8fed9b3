// Queries and mutations run as compiled JavaScript (graphql-jit): a document is compiled once,
// on first use, into a function that walks the selection without the generic executor's
// per-field overhead — most of a nested list's CPU time (docs/PERFORMANCE.md). Subscriptions
// and documents using @defer/@stream keep the standard executor, which graphql-jit does not
// replace for them.
import { useGraphQlJit } from "@envelop/graphql-jit";
import { type DocumentNode, getOperationAST, visit } from "graphql";

// graphql-jit merges fields of one response key before deciding @skip/@include, so a
// fragment under a skipped field can still be resolved (a field's answer graphql-js would
// not give); documents deciding fields with directives run on graphql-js.
const GRAPHQL_JS_DIRECTIVES = new Set(["defer", "stream", "skip", "include"]);

function usesIncrementalDelivery(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (GRAPHQL_JS_DIRECTIVES.has(node.name.value)) found = true;
    },
  });
  return found;
}

/** Parsed documents are cached and reused by Yoga, so each is scanned once. */
const incremental = new WeakMap<DocumentNode, boolean>();

function isCompilable(document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === "subscription") return false;
  let deferred = incremental.get(document);
  if (deferred === undefined) incremental.set(document, (deferred = usesIncrementalDelivery(document)));
  return !deferred;
}

export const compiledExecution = useGraphQlJit(
  {},
  { enableIf: (args) => isCompilable(args.document, args.operationName) },
);
