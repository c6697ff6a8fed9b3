// Variables are coerced by graphql-js before either executor runs, on every transport (HTTP,
// Server-Sent Events, WebSocket): a value of the wrong type, a missing required variable or an
// unknown enum value is BAD_USER_INPUT naming the variable (and the path inside it), answered
// 400 like the other request errors, and counted as a client error. Left to the executors, these
// errors came without a code, and the compiled executor (graphql-jit) words them differently
// from graphql-js (it names an input field where graphql-js names the variable).
import { getOperationAST, getVariableValues, GraphQLError, type ExecutionArgs } from "graphql";
import type { Plugin } from "graphql-yoga";

// graphql-js: `Variable "$f" got invalid value 5 at "f.dueFrom"; …` or `Variable "$n" of required type …`.
const VARIABLE_ERROR = /^Variable "\$([^"]+)"(?: got invalid value .*? at "([^"]+)";)?/s;

function badVariable(error: GraphQLError): GraphQLError {
  const [, variable, path] = VARIABLE_ERROR.exec(error.message) ?? [];
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: {
      code: "BAD_USER_INPUT",
      ...(variable ? { field: path ?? variable, variable } : {}),
      // `spec`: 400 for application/graphql-response+json, 200 for legacy application/json (GraphQL over HTTP).
      http: { status: 400, spec: true },
    },
  });
}

/** The errors of coercing the operation's variables, or undefined when they are all valid. */
export function variableErrors(args: ExecutionArgs): GraphQLError[] | undefined {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation?.variableDefinitions?.length) return undefined;
  const coerced = getVariableValues(args.schema, operation.variableDefinitions, args.variableValues ?? {});
  return coerced.errors?.map(badVariable);
}

export const variableCoercion: Plugin = {
  onExecute({ args, setResultAndStopExecution }) {
    const errors = variableErrors(args);
    if (errors) setResultAndStopExecution({ errors });
  },
  onSubscribe({ args, setResultAndStopExecution }) {
    const errors = variableErrors(args);
    if (errors) setResultAndStopExecution({ errors });
  },
};
