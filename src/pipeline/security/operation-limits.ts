// The limits that need the request's variables, checked where they are known — when an
// operation is about to execute or subscribe, on every transport (HTTP, SSE, graphql-ws) —
// and before any plugin or resolver that could send SQL:
// - variables nested deeper than MAX_VARIABLE_DEPTH are refused first (over HTTP as soon as the
//   body is parsed, before the response cache builds its key from them): any recursive walk of
//   them, JSON.stringify's included, would overflow the stack;
// - every String/ID/JSON argument within its length and free of NUL (src/graphql/transforms/input-limits.ts);
// - every connection paged with `first` or `last`, and the objects the query may return
//   within MAX_QUERY_NODES (src/graphql/transforms/query-cost.ts), reported in `extensions.cost`.
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
} from "graphql";
import type { Plugin } from "graphql-yoga";
import { env } from "../../config/env.ts";
import { domainError } from "../../graphql/errors.ts";
import { inputValueErrors } from "../../graphql/transforms/input-limits.ts";
import { valueShape } from "../../graphql/value-shape.ts";
import { queryCost } from "../../graphql/transforms/query-cost.ts";

export interface OperationLimits {
  maxNodes: number;
  maxVariableDepth: number;
}

type Refusal = "LIMIT_EXCEEDED" | "BAD_USER_INPUT";
const refusal = (code: Refusal, message: string, extensions: Record<string, unknown> = {}) =>
  domainError(code, message, { ...extensions, http: { status: 400 } });

/** LIMIT_EXCEEDED when the variables are nested deeper than the limit; measured without recursion. */
export function variablesTooDeep(variables: unknown, maxDepth: number): GraphQLError | undefined {
  if (variables === null || typeof variables !== "object") return undefined;
  // The variables object itself is one level; its values count from there.
  if (valueShape(variables, maxDepth + 1).depth <= maxDepth + 1) return undefined;
  return refusal("LIMIT_EXCEEDED", `Variables are nested more than ${maxDepth} levels deep (MAX_VARIABLE_DEPTH)`);
}

interface ExecutionArgsLike {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
}

type Verdict = { errors: GraphQLError[] } | { cost: { nodes: number; budget: number } } | undefined;

/** Refusals for an operation about to run, or its cost; undefined when graphql-js will refuse it itself. */
export function checkOperation(args: ExecutionArgsLike, limits: OperationLimits): Verdict {
  const deep = variablesTooDeep(args.variableValues, limits.maxVariableDepth);
  if (deep) return { errors: [deep] };
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return undefined;
  // Variables that do not coerce make execution fail before any resolver: it says why.
  const definitions = operation.variableDefinitions ?? [];
  const coerced = getVariableValues(args.schema, definitions, args.variableValues ?? {}, { maxErrors: 1 });
  if (coerced.errors) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of args.document.definitions) {
    if (definition.kind === "FragmentDefinition") fragments[definition.name.value] = definition;
  }
  const inputErrors: GraphQLError[] = [];
  const cost = queryCost(args.schema, operation, fragments, coerced.coerced, ({ field, args: values, path }) => {
    inputErrors.push(...inputValueErrors(field.args, values, path));
  });
  if (inputErrors.length) return { errors: inputErrors };
  if (cost.unpaged.length) {
    return {
      errors: cost.unpaged.map((path) =>
        refusal("BAD_USER_INPUT", `"${path}" is a connection: give "first" or "last" (how many items to return)`, {
          field: path,
        }),
      ),
    };
  }
  if (cost.nodes > limits.maxNodes) {
    const message =
      `The query may return ${cost.nodes} objects; the limit is ${limits.maxNodes} (MAX_QUERY_NODES): ` +
      "ask for smaller pages";
    return { errors: [refusal("LIMIT_EXCEEDED", message, { cost: { nodes: cost.nodes, budget: limits.maxNodes } })] };
  }
  return { cost: { nodes: cost.nodes, budget: limits.maxNodes } };
}

function withCost(result: ExecutionResult, cost: { nodes: number; budget: number }): ExecutionResult {
  return { ...result, extensions: { ...result.extensions, cost } };
}

export function operationLimitsPlugin(limits: OperationLimits = env.limits): Plugin {
  return {
    // Over HTTP, as soon as the body is parsed: every onParams hook runs (the response cache's
    // builds its key from the variables), so a refusal there would come too late.
    onRequestParse: () => ({
      onRequestParseDone({ requestParserResult }) {
        for (const params of Array.isArray(requestParserResult) ? requestParserResult : [requestParserResult]) {
          const deep = variablesTooDeep(params.variables, limits.maxVariableDepth);
          if (deep) throw deep;
        }
      },
    }),
    onExecute({ args, setResultAndStopExecution }) {
      const verdict = checkOperation(args, limits);
      if (verdict && "errors" in verdict) return setResultAndStopExecution({ errors: verdict.errors });
      if (!verdict) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) setResult(withCost(result, verdict.cost));
        },
      };
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const verdict = checkOperation(args, limits);
      if (verdict && "errors" in verdict) setResultAndStopExecution({ errors: verdict.errors });
    },
  };
}
