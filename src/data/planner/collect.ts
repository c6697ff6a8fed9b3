// Which fields a selection asks of an object type, as graphql-js collects them: through
// fragments whose type condition the type meets, with @skip/@include decided by the request's
// variables, grouped by response key (alias or name). The planner reads ahead exactly what the
// executor will then resolve; anything it collects too much only costs columns, never answers.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  GraphQLSkipDirective,
  type SelectionSetNode,
  getDirectiveValues,
  isInterfaceType,
  isObjectType,
  type GraphQLSchema,
} from "graphql";

export interface Request {
  schema: GraphQLSchema;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables: Readonly<Record<string, unknown>>;
}

type Selectable = { directives?: readonly unknown[] } & Parameters<typeof getDirectiveValues>[1];

function included(request: Request, node: Selectable): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, request.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, request.variables)?.if !== false;
}

function meets(request: Request, type: GraphQLObjectType, condition: string | undefined): boolean {
  if (!condition || condition === type.name) return true;
  const conditionType = request.schema.getType(condition);
  return isInterfaceType(conditionType) ? type.getInterfaces().some((i) => i.name === condition) : false;
}

/** The fields selected on `type` by the selection sets, by response key, in selection order. */
export function collectFields(
  request: Request,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
  found = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      if (!included(request, selection)) continue;
      if (selection.kind === "Field") {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = found.get(key);
        if (nodes) nodes.push(selection);
        else found.set(key, [selection]);
      } else if (selection.kind === "InlineFragment") {
        if (meets(request, type, selection.typeCondition?.name.value)) {
          collectFields(request, type, [selection.selectionSet], found, visited);
        }
      } else {
        const name = selection.name.value;
        const fragment = request.fragments[name];
        if (visited.has(name) || !fragment || !meets(request, type, fragment.typeCondition.name.value)) continue;
        visited.add(name);
        collectFields(request, type, [fragment.selectionSet], found, visited);
      }
    }
  }
  return found;
}

/** The selection sets of the field nodes (those that have one). */
export const subSelections = (nodes: readonly FieldNode[]): SelectionSetNode[] =>
  nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));

/** The object type a field's named type resolves to, when it is an object type. */
export function objectTypeOf(type: unknown): GraphQLObjectType | undefined {
  let named = type as { ofType?: unknown };
  while (named && "ofType" in named && named.ofType) named = named.ofType as { ofType?: unknown };
  return isObjectType(named) ? named : undefined;
}
