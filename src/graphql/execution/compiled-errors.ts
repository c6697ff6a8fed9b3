// Errors of compiled execution, shaped as graphql-js shapes them: graphql-jit's errors carry
// their locations as line and column only, which Yoga drops when it serializes an error (it
// rebuilds each from its AST nodes or source positions), and its results put `data` before
// `errors`. Each error is rebuilt with its source positions; the result lists errors first.
import { type DocumentNode, type ExecutionResult, GraphQLError, type SourceLocation } from "graphql";

/** Offsets of each line's first character in `body`. */
function lineStarts(body: string): number[] {
  const starts = [0];
  for (let i = 0; i < body.length; i++) if (body[i] === "\n") starts.push(i + 1);
  return starts;
}

function rebuilt(error: GraphQLError, document: DocumentNode, starts: () => number[]): GraphQLError {
  const source = document.loc?.source;
  const locations: readonly SourceLocation[] = error.locations ?? [];
  const positions = source ? locations.map(({ line, column }) => starts()[line - 1]! + column - 1) : undefined;
  return new GraphQLError(error.message, {
    source,
    positions: positions?.length ? positions : undefined,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** The result as graphql-js would have built it: errors first, each with its locations. */
export function asGraphqlJsResult(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  let starts: number[] | undefined;
  const lazyStarts = () => (starts ??= lineStarts(document.loc?.source.body ?? ""));
  const { errors, data, ...rest } = result;
  return { errors: errors.map((error) => rebuilt(error, document, lazyStarts)), data, ...rest };
}
