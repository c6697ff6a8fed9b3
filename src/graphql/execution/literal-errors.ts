// A value written in the query that does not fit its argument (`where: { dueDate: { lt: "soon" } }`)
// is the client's input error: BAD_USER_INPUT naming the argument path, as a bad variable value is
// (variables.ts), instead of a validation error that names no path.
import { type ASTNode, type DocumentNode, GraphQLError, Kind, visit } from "graphql";
import type { Plugin } from "graphql-yoga";

/** The argument path of every value node in the document (e.g. "where.dueDate.lt"). */
function valuePaths(document: DocumentNode): Map<ASTNode, string> {
  const paths = new Map<ASTNode, string>();
  const stack: string[] = [];
  visit(document, {
    Argument: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    ObjectField: { enter: (node) => void stack.push(node.name.value), leave: () => void stack.pop() },
    enter(node) {
      if (stack.length && (node.kind.endsWith("Value") || node.kind === Kind.VARIABLE))
        paths.set(node, stack.join("."));
    },
  });
  return paths;
}

/** The error naming its path, as BAD_USER_INPUT, when it is about a value written in the query. */
function asInputError(error: GraphQLError, paths: () => Map<ASTNode, string>): GraphQLError {
  const node = error.nodes?.[0];
  if (!node?.kind.endsWith("Value") || error.extensions?.code) return error;
  const field = paths().get(node);
  if (!field) return error;
  return new GraphQLError(`${field}: ${error.message}`, {
    nodes: error.nodes,
    extensions: { code: "BAD_USER_INPUT", field, http: { status: 400 } },
  });
}

export const literalInputErrors: Plugin = {
  onValidate: ({ params }) => {
    let paths: Map<ASTNode, string> | undefined;
    return ({ result, setResult }) => {
      if (!result.length) return;
      setResult(result.map((error) => asInputError(error, () => (paths ??= valuePaths(params.documentAST)))));
    };
  },
};
