// The document shapes graphql-jit does not answer exactly as graphql-js, found by running every
// operation of the suite through both (test/execution/executors.test.ts); such documents keep
// the standard executor (src/graphql/execution/compiled-execution.ts).
import {
  BREAK,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValueNode,
  Kind,
  TypeInfo,
  getNamedType,
  isScalarType,
  isSpecifiedScalarType,
  visit,
  visitWithTypeInfo,
  type GraphQLInputObjectType,
  isInputObjectType,
  typeFromAST,
} from "graphql";

export function usesIncrementalDelivery(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === "defer" || node.name.value === "stream") found = true;
    },
  });
  return found;
}

/**
 * @skip or @include anywhere: graphql-jit merges the fields of one response key before deciding
 * them, so a fragment under a skipped field could still be resolved — an answer graphql-js would
 * not give (found by the planner's differential test, test/planner/differential.test.ts).
 */
export function decidesFieldsWithDirectives(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === "skip" || node.name.value === "include") {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

const recursive = new WeakMap<object, boolean>();

/** Whether an input type can hold itself (e.g. BatchWhere's `and: [BatchWhere!]`). */
function isRecursiveInput(type: GraphQLInputObjectType): boolean {
  let known = recursive.get(type);
  if (known !== undefined) return known;
  const seen = new Set<GraphQLInputObjectType>();
  const reaches = (from: GraphQLInputObjectType): boolean => {
    for (const field of Object.values(from.getFields())) {
      const named = getNamedType(field.type);
      if (!isInputObjectType(named)) continue;
      if (named === type) return true;
      if (seen.has(named)) continue;
      seen.add(named);
      if (reaches(named)) return true;
    }
    return false;
  };
  recursive.set(type, (known = reaches(type)));
  return known;
}

/**
 * A variable of an input type that can hold itself (the `where` inputs): graphql-jit compiles a
 * variable's coercion by walking its type, which never ends on such a type (a stack overflow).
 */
export function hasRecursiveInputVariable(schema: GraphQLSchema, document: DocumentNode): boolean {
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      const type = typeFromAST(schema, variable.type as never);
      const named = type ? getNamedType(type) : undefined;
      if (named && isInputObjectType(named) && isRecursiveInput(named)) return true;
    }
  }
  return false;
}

function containsVariable(value: ValueNode): boolean {
  let found = false;
  visit(value, {
    Variable() {
      found = true;
      return BREAK;
    },
  });
  return found;
}

/**
 * A list or object literal in the position of a custom scalar that holds a variable, e.g.
 * `body: { blocked: $b }` for JSON: graphql-jit parses scalar literals once, when it compiles,
 * without the variables, so `$b` silently became nothing (`body: {}` was stored).
 */
export function hasVariableInScalarLiteral(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  const inScalarLiteral = (node: ValueNode) => {
    const type = typeInfo.getInputType();
    const named = type ? getNamedType(type) : undefined;
    if (named && isScalarType(named) && !isSpecifiedScalarType(named) && containsVariable(node)) {
      found = true;
      return BREAK;
    }
    return undefined;
  };
  visit(document, visitWithTypeInfo(typeInfo, { ObjectValue: inScalarLiteral, ListValue: inScalarLiteral }));
  return found;
}

/**
 * A fragment (spread or inline) followed by anything in its selection set. graphql-jit collects
 * a selection set's own fields first and its fragments afterwards, last one first, so
 * `{ ...A b }` answered `b` before A's fields where graphql-js keeps the document's order.
 */
export function hasFragmentBeforeOtherSelections(document: DocumentNode): boolean {
  let found = false;
  const check = (node: SelectionSetNode) => {
    const last = node.selections.length - 1;
    if (node.selections.some((selection, i) => i < last && selection.kind !== Kind.FIELD)) {
      found = true;
      return BREAK;
    }
    return undefined;
  };
  visit(document, { SelectionSet: check });
  return found;
}
