// Reading a resolver's selection ahead of time: which fields a query asks below a field, through
// fragments. Used to read in one statement what the fields below would each load
// (src/production/batch-preload.ts) and to read only the columns a page's fields need.
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from "graphql";

/** The field nodes named `name` directly in a selection set, through fragments. */
export function fieldsNamed(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined, name: string, found: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === "Field") {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === "InlineFragment") {
      fieldsNamed(info, selection.selectionSet, name, found);
    } else {
      fieldsNamed(info, info.fragments[selection.name.value]?.selectionSet, name, found);
    }
  }
  return found;
}

/** The field nodes named `name` below any of `parents`. */
export function childFields(info: GraphQLResolveInfo, parents: readonly FieldNode[], name: string): FieldNode[] {
  return parents.flatMap((parent) => fieldsNamed(info, parent.selectionSet, name));
}

/** The names of the fields selected directly in a selection set, through fragments. */
function fieldNames(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined, found: Set<string>): Set<string> {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === "Field") found.add(selection.name.value);
    else if (selection.kind === "InlineFragment") fieldNames(info, selection.selectionSet, found);
    else fieldNames(info, info.fragments[selection.name.value]?.selectionSet, found);
  }
  return found;
}

/** The names of the fields selected below any of `parents`, through fragments. */
export function selectedFieldNames(info: GraphQLResolveInfo, parents: readonly FieldNode[]): Set<string> {
  const found = new Set<string>();
  for (const parent of parents) fieldNames(info, parent.selectionSet, found);
  return found;
}

/** The fields selected on the items of connections (`edges { node { … } }` and `nodes { … } }`). */
export function connectionItemFields(info: GraphQLResolveInfo, connections: readonly FieldNode[]): Set<string> {
  return selectedFieldNames(info, [...childFields(info, childFields(info, connections, "edges"), "node"), ...childFields(info, connections, "nodes")]);
}

/**
 * The row fields that `selected` GraphQL fields read, by `reads` (each GraphQL field → the row
 * fields its resolver uses), plus `always`; undefined (read everything) when a selected field
 * is not listed.
 */
export function rowFieldsFor(selected: ReadonlySet<string>, reads: Readonly<Record<string, readonly string[]>>, always: readonly string[]): string[] | undefined {
  const fields = new Set(always);
  for (const name of selected) {
    if (!Object.hasOwn(reads, name)) return undefined;
    for (const field of reads[name]!) fields.add(field);
  }
  return [...fields];
}

const pageFieldsCache = new WeakMap<readonly FieldNode[], Map<object, string[] | undefined>>();

/**
 * The row fields a page of a connection needs for what the query selects on its items (see
 * `rowFieldsFor`; "pageKey" always), once per document's field nodes.
 */
export function pageRowFields(info: GraphQLResolveInfo, connections: readonly FieldNode[], reads: Readonly<Record<string, readonly string[]>>): string[] | undefined {
  let byReads = pageFieldsCache.get(connections);
  if (!byReads) pageFieldsCache.set(connections, (byReads = new Map()));
  if (!byReads.has(reads)) byReads.set(reads, rowFieldsFor(connectionItemFields(info, connections), reads, ["pageKey"]));
  return byReads.get(reads);
}
