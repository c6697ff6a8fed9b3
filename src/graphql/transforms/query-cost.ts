// What a query may return, counted before it runs, the way GitHub's API counts it: every
// connection whose items are read (edges, nodes, pageInfo; not only totalCount) needs `first`
// or `last`; a connection, or a list field that declares its size
// (`extensions: listSize(...)`), returns at most that many objects for each object above it.
// The objects a query may return are the sum, over those fields, of the product of the sizes
// above and including each. A list's `where` adds its conditions, once per object above it (each
// is a test the database runs for every parent). The walk runs with the operation's variable
// values, so a page size or a condition given as a variable costs what the same literal costs.
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from "graphql";

/**
 * A list field's size: at most `max` items, or as many as its argument `argument` asks — the length
 * of a list argument, or the value of a number argument such as `first` — and at most `max`.
 */
export interface ListSize {
  max?: number;
  argument?: string;
}

/** Spread into a list field's `extensions`. */
export const listSize = (size: ListSize) => ({ listSize: size });

/** A field the walk reached, with its coerced arguments and its response path (aliases included). */
export interface FieldVisit {
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  path: string;
}

export interface QueryCost {
  /** Most objects the connections and sized lists of the operation may return. */
  nodes: number;
  /** Paths of connections asked for without `first` or `last`. */
  unpaged: string[];
}

/** Whether a field is a Relay connection (a type with edges and pageInfo, paged by first/last). */
export function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return false;
  const fields = type.getFields();
  const paged = field.args.some((arg) => arg.name === "first" || arg.name === "last");
  return Boolean(fields.edges && fields.pageInfo && paged);
}

/** Fields of a connection that read no items: a count or an aggregate needs no page. */
const COUNT_ONLY = new Set(["totalCount", "aggregate", "__typename"]);

const count = (value: unknown) => (typeof value === "number" && value > 0 ? value : 0);

/**
 * The conditions of a `where` value: each value compared (a scalar or a list of them) and each
 * condition without inner ones (`some: {}`), through and/or/not and relations. Iterative: a value
 * is at most as deep as the variables' depth limit, but a walk must not rely on it.
 */
export function conditionsOf(where: unknown): number {
  let conditions = 0;
  const pending: unknown[] = [where];
  while (pending.length) {
    const value = pending.pop();
    if (value == null) continue;
    if (Array.isArray(value)) {
      if (value.some((item) => typeof item === "object" && item !== null)) pending.push(...value);
      else conditions++;
    } else if (typeof value === "object") {
      const inner = Object.values(value).filter((item) => item != null);
      if (!inner.length) conditions++;
      pending.push(...inner);
    } else conditions++;
  }
  return conditions;
}

class CostWalk {
  readonly unpaged: string[] = [];
  private readonly fragmentCosts = new Map<string, number>();
  /**
   * The connections being walked, innermost last, with their page sizes: only a connection's
   * items (`edges`, `nodes`) are multiplied by its page; its totalCount, pageInfo and aggregate
   * are counted once per parent object.
   */
  private readonly pages: { type: GraphQLCompositeType; size: number }[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Record<string, FragmentDefinitionNode>,
    private readonly variables: Record<string, unknown>,
    private readonly onField?: (visit: FieldVisit) => void,
  ) {}

  private included(node: FieldNode | SelectionSetNode["selections"][number]): boolean {
    if (getDirectiveValues(GraphQLSkipDirective, node, this.variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, node, this.variables)?.if !== false;
  }

  /** Objects a selection set may return below one object of `parent` (the fields' costs, summed). */
  selectionCost(parent: GraphQLCompositeType, selectionSet: SelectionSetNode, path: string): number {
    let total = 0;
    const spread = new Set<string>(); // graphql-js merges a fragment spread twice in one selection
    for (const selection of selectionSet.selections) {
      if (!this.included(selection)) continue;
      if (selection.kind === "Field") total += this.fieldCost(parent, selection, path);
      else if (selection.kind === "InlineFragment") {
        const type = selection.typeCondition ? this.schema.getType(selection.typeCondition.name.value) : parent;
        if (isCompositeType(type)) total += this.selectionCost(type, selection.selectionSet, path);
      } else if (!spread.has(selection.name.value)) {
        spread.add(selection.name.value);
        total += this.fragmentCost(selection.name.value, path);
      }
    }
    return total;
  }

  /** A fragment costs the same wherever it is spread (cost is linear in what is above): counted once. */
  private fragmentCost(name: string, path: string): number {
    const key = `${name} ${this.pages.at(-1)?.size ?? ""}`;
    const known = this.fragmentCosts.get(key);
    if (known !== undefined) return known;
    const fragment = this.fragments[name];
    const type = fragment && this.schema.getType(fragment.typeCondition.name.value);
    const cost = fragment && isCompositeType(type) ? this.selectionCost(type, fragment.selectionSet, path) : 0;
    this.fragmentCosts.set(key, cost);
    return cost;
  }

  private fieldCost(parent: GraphQLCompositeType, node: FieldNode, path: string): number {
    if (!isObjectType(parent) && !isInterfaceType(parent)) return 0;
    const field = parent.getFields()[node.name.value];
    if (!field) return 0; // introspection and __typename
    const fieldPath = path ? `${path}.${node.alias?.value ?? node.name.value}` : (node.alias?.value ?? node.name.value);
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field, node, this.variables);
    } catch {
      return 0; // invalid arguments: the field fails before its resolver runs, and nothing below it
    }
    this.onField?.({ field, args, path: fieldPath });
    const type = getNamedType(field.type);
    const selection = node.selectionSet;
    const tests = args.where == null ? 0 : conditionsOf(args.where);
    if (isConnection(field) && selection && isCompositeType(type)) {
      this.pages.push({ type, size: this.pageSize(args, node, fieldPath) });
      try {
        return tests + this.selectionCost(type, selection, fieldPath);
      } finally {
        this.pages.pop();
      }
    }
    const page = this.pages.at(-1);
    const items = page?.type === parent && (field.name === "edges" || field.name === "nodes") ? page.size : undefined;
    const size = items ?? this.listSize(field, args);
    const below = selection && isCompositeType(type) ? this.selectionCost(type, selection, fieldPath) : 0;
    return tests + (size === undefined ? below : size * (1 + below));
  }

  /** A connection's items per parent object; none when only its totalCount is read. */
  private pageSize(args: Record<string, unknown>, node: FieldNode, path: string): number {
    if (!node.selectionSet || !this.readsItems(node.selectionSet)) return 0;
    if (args.first == null && args.last == null) this.unpaged.push(path);
    return Math.max(count(args.first), count(args.last));
  }

  private readsItems(selectionSet: SelectionSetNode): boolean {
    return selectionSet.selections.some((selection) => {
      if (!this.included(selection)) return false;
      if (selection.kind === "Field") return !COUNT_ONLY.has(selection.name.value);
      if (selection.kind === "InlineFragment") return this.readsItems(selection.selectionSet);
      const fragment = this.fragments[selection.name.value];
      return fragment ? this.readsItems(fragment.selectionSet) : false;
    });
  }

  /** How many objects a list field returns per parent object; undefined for a single object. */
  private listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
    if (!isListType(getNullableType(field.type)) || !isCompositeType(getNamedType(field.type))) return undefined;
    const declared = field.extensions?.listSize as ListSize | undefined;
    // Items with no list below them (test/security/query-cost.test.ts checks there are no others).
    if (!declared) return undefined;
    const given = declared.argument ? args[declared.argument] : undefined;
    const length = Array.isArray(given)
      ? given.length
      : typeof given === "number"
        ? Math.max(0, given)
        : (declared.max ?? 0);
    return Math.min(length, declared.max ?? length);
  }
}

/** The cost of one operation with its (coerced) variable values; `onField` sees every field reached once. */
export function queryCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  onField?: (visit: FieldVisit) => void,
): QueryCost {
  const root = schema.getRootType(operation.operation);
  const walk = new CostWalk(schema, fragments, variables, onField);
  const nodes = root ? walk.selectionCost(root, operation.selectionSet, "") : 0;
  return { nodes, unpaged: walk.unpaged };
}
