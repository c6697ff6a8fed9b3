// The scopes an operation's selection needs, computed from the document alone: each selected
// field's own authScopes (root fields included), and the read scope of every object type the
// selection reaches (src/graphql/transforms/type-scopes.ts). Fragments count where they are spread; a field
// returning an interface or union needs the read scopes of all its possible types, whatever the
// fragments below it select (the object it returns could be any of them); fields under @skip or
// @include count as selected. So a token holding all of them reads everything the operation
// asks for, and one lacking any can be refused before the operation starts (mutation-scopes.ts).
import {
  type DocumentNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
  getNamedType,
  getOperationAST,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
} from "graphql";
import type { Scope } from "../../graphql/scopes.ts";

export interface NeededScopes {
  /** Every scope the selection needs, in the order first met. */
  scopes: ReadonlySet<Scope>;
  /** Whether some field needs a token (authScopes `authenticated`) even where no scope is named. */
  authenticated: boolean;
}

interface AuthScopes {
  scope?: unknown;
  authenticated?: unknown;
}

const authScopesOf = (field: GraphQLField<unknown, unknown>) =>
  (field.extensions?.pothosOptions as { authScopes?: AuthScopes } | undefined)?.authScopes;

const readScopeOf = (type: GraphQLNamedType) => type.extensions?.readScope as Scope | undefined;

/** The read scopes of the objects a field of this type can return. */
function readScopesReached(schema: GraphQLSchema, type: GraphQLNamedType): Scope[] {
  const objects = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  return objects.flatMap((object) => readScopeOf(object) ?? []);
}

/** What the selections of `operationName` in `document` need; undefined for an unknown operation. */
export function neededScopes(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): NeededScopes | undefined {
  const operation = getOperationAST(document, operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition]] : [],
    ),
  );
  const scopes = new Set<Scope>();
  let authenticated = false;
  // Each (type, selection set) once: a fragment spread many times is walked once per parent type.
  const walked = new Map<GraphQLNamedType, Set<SelectionSetNode>>();

  const walk = (parent: GraphQLNamedType, selectionSet: SelectionSetNode): void => {
    const seen = walked.get(parent) ?? walked.set(parent, new Set()).get(parent)!;
    if (seen.has(selectionSet)) return;
    seen.add(selectionSet);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const fields = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields() : {};
        const field = fields[selection.name.value];
        if (!field) continue; // __typename, or a field validation has already refused
        const rule = authScopesOf(field);
        if (typeof rule?.scope === "string") scopes.add(rule.scope as Scope);
        if (rule?.authenticated === true) authenticated = true;
        const type = getNamedType(field.type);
        for (const scope of readScopesReached(schema, type)) scopes.add(scope);
        if (selection.selectionSet) walk(type, selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        walk(condition ?? parent, selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && condition) walk(condition, fragment.selectionSet);
      }
    }
  };
  walk(root, operation.selectionSet);
  return { scopes, authenticated };
}
