// Queries and mutations run as compiled JavaScript (graphql-jit): a document is compiled once,
// on first use, into a function that walks the selection without the generic executor's
// per-field overhead — most of a nested list's CPU time (docs/PERFORMANCE.md). It must answer
// exactly as graphql-js would: test/execution/executors.test.ts runs every operation of the
// suite through both and compares. Where it would not, the standard executor runs instead:
// subscriptions and @defer/@stream, which graphql-jit does not replace, and the shapes in
// compiled-shapes.ts; its errors are reshaped as graphql-js shapes them (compiled-errors.ts).
import { useGraphQlJit } from "@envelop/graphql-jit";
import { type DocumentNode, type GraphQLSchema, getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { asGraphqlJsResult } from "./compiled-errors.ts";
import {
  decidesFieldsWithDirectives,
  hasRecursiveInputVariable,
  hasFragmentBeforeOtherSelections,
  hasVariableInScalarLiteral,
  usesIncrementalDelivery,
} from "./compiled-shapes.ts";

/** Parsed documents are cached and reused by Yoga, so each is examined once per schema. */
const compilable = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, boolean>>();

/** Whether graphql-jit runs this operation (graphql-js otherwise). */
export function isCompilable(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): boolean {
  const operation = getOperationAST(document, operationName);
  if (!operation || operation.operation === "subscription") return false;
  let bySchema = compilable.get(schema);
  if (!bySchema) compilable.set(schema, (bySchema = new WeakMap()));
  let answer = bySchema.get(document);
  if (answer === undefined) {
    answer =
      !usesIncrementalDelivery(document) &&
      !decidesFieldsWithDirectives(document) &&
      !hasRecursiveInputVariable(schema, document) &&
      !hasVariableInScalarLiteral(schema, document) &&
      !hasFragmentBeforeOtherSelections(document);
    bySchema.set(document, answer);
  }
  return answer;
}

const jit = useGraphQlJit({}, { enableIf: (args) => isCompilable(args.schema, args.document, args.operationName) });

const graphqlJsShapedErrors: Plugin = {
  onExecute({ args }) {
    if (!isCompilable(args.schema, args.document, args.operationName)) return undefined;
    return {
      onExecuteDone({ result, setResult }) {
        if (!(Symbol.asyncIterator in result)) setResult(asGraphqlJsResult(result, args.document));
      },
    };
  },
};

export const compiledExecution = [jit, graphqlJsShapedErrors];
