// Compiling a selection into SQL: each row of a table-backed type becomes a JSON array of the
// columns its selected fields read, followed by one value per planned field — a related row, a
// page of a to-many relation with its count, a computed value — each a correlated subquery of
// the same statement. The decoder turns the arrays back into rows, keeping the planned values
// with each row (values.ts). Bounded: one statement per root field, whatever the depth.
import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type SelectionSetNode,
  getArgumentValues,
} from "graphql";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Request, collectFields, objectTypeOf, subSelections } from "./collect.ts";
import { type Order, afterSql, orderBySql, reversed } from "./order.ts";
import { type Page, type PageSizes, pageOf, wholeList } from "./page.ts";
import { type FieldPlan, type ManyRelation, planOf, tableOfType } from "./plan.ts";
import { type Table, columnOf } from "./table.ts";
import { type ListQuery, withListArguments } from "./queries/list-query.ts";
import { keyExpression } from "./queries/relations.ts";
import { type CompiledAggregate, type RowCompiler, compileAggregate } from "./queries/aggregate.ts";
import type { AggregateResult } from "./queries/aggregate-fields.ts";
import { connectionItemType } from "./queries/schema.ts";
import { keepPlanned } from "./values.ts";

export interface Scope extends Request {
  /** Counter for unique table aliases within one statement. */
  aliases: number;
  /** The token's scopes (for the checks of where and orderBy on nested lists). */
  viewerScopes?: ReadonlySet<string>;
}

export interface Compiled<T = Record<string, unknown>> {
  /** The SQL expression of the value. */
  sql: Prisma.Sql;
  decode: (json: unknown) => T;
}

type Row = Record<string, unknown>;
type Args = Readonly<Record<string, unknown>>;

const NO_PLANNED: Row = Object.freeze({}) as Row;

const nextAlias = (scope: Scope) => `t${scope.aliases++}`;

/** The field's arguments, or undefined when they cannot be read (the resolver will report why). */
function argumentsOf(scope: Scope, field: GraphQLField<unknown, unknown>, node: FieldNode): Args | undefined {
  try {
    return getArgumentValues(field, node, scope.variables as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

/** Whether every node under one response key is the same field with the same arguments. */
function uniform(scope: Scope, field: GraphQLField<unknown, unknown>, nodes: readonly FieldNode[]): Args | undefined {
  const args = argumentsOf(scope, field, nodes[0]!);
  if (!args || nodes.length === 1) return args;
  const text = JSON.stringify(args);
  for (const node of nodes) {
    if (node.name.value !== field.name) return undefined;
    if (JSON.stringify(argumentsOf(scope, field, node)) !== text) return undefined;
  }
  return args;
}

interface Child {
  key: string;
  value: Compiled<unknown>;
}

/** A row of `table` aliased `alias`, with the fields `type`'s selection reads (and `also`, e.g. its sort keys). */
export function compileRow(
  scope: Scope,
  table: Table,
  type: GraphQLObjectType,
  selections: readonly SelectionSetNode[],
  alias: string,
  also: readonly string[] = [],
): Compiled<Row> {
  const reads = new Set<string>([table.key, ...also]);
  const children: Child[] = [];
  const fields = type.getFields();
  for (const [key, nodes] of collectFields(scope, type, selections)) {
    const name = nodes[0]!.name.value;
    const field = fields[name];
    if (!field) continue; // __typename and other meta fields
    const plan = planOf(field);
    if (!plan) {
      // undeclared: the whole row (the schema test forbids it)
      if (name !== "id") for (const f of table.fields) reads.add(f);
      continue;
    }
    for (const f of plan.reads) reads.add(f);
    if (plan.kind === "embed") {
      for (const f of embeddedReads(scope, objectTypeOf(field.type), subSelections(nodes))) reads.add(f);
      continue;
    }
    const args = uniform(scope, field, nodes);
    if (!args) continue;
    const value = compileChild(scope, { table, alias, type }, plan, field, nodes, args);
    if (value) children.push({ key, value });
  }
  return rowOf(table, [...reads], children, alias);
}

/** The columns an embedded object's selected fields read (it is the same row, shown as another type). */
function embeddedReads(
  scope: Scope,
  type: GraphQLObjectType | undefined,
  selections: readonly SelectionSetNode[],
): string[] {
  if (!type) return [];
  const reads: string[] = [];
  for (const nodes of collectFields(scope, type, selections).values()) {
    const field = type.getFields()[nodes[0]!.name.value];
    const plan = field && planOf(field); // __typename and other meta fields read nothing
    if (plan?.kind === "columns") reads.push(...plan.reads);
  }
  return reads;
}

/** The parent row of a planned child: its table, alias and GraphQL type. */
interface Parent {
  table: Table;
  alias: string;
  type: GraphQLObjectType;
}

function compileChild(
  scope: Scope,
  parent: Parent,
  plan: FieldPlan,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  args: Args,
): Compiled<unknown> | undefined {
  switch (plan.kind) {
    case "toOne":
      return compileToOne(scope, plan, field, subSelections(nodes), parent.alias);
    case "many":
      return plan.paged
        ? compileConnectionOf(scope, parent, plan.relation, field, nodes, args)
        : compileListOf(scope, parent, plan.relation, field, nodes, args, plan.limit);
    case "computed":
      return { sql: plan.sql(Prisma.raw(parent.alias), args), decode: plan.decode ?? ((json) => json) };
    default:
      return undefined;
  }
}

type ToOne = Extract<FieldPlan, { kind: "toOne" }>;

function compileToOne(
  scope: Scope,
  plan: ToOne,
  field: GraphQLField<unknown, unknown>,
  selections: readonly SelectionSetNode[],
  alias: string,
): Compiled<unknown> | undefined {
  const { target } = plan;
  const type = objectTypeOf(field.type);
  if (!type || tableOfType(type) !== target) return undefined;
  const a = nextAlias(scope);
  const row = compileRow(scope, target, type, selections, a);
  const on = Prisma.sql`${Prisma.raw(`${a}."${columnOf(target.key)}"`)} = ${keyExpression(plan, alias, () => nextAlias(scope))}`;
  return {
    sql: Prisma.sql`(SELECT ${row.sql} FROM ${target.sqlName} ${Prisma.raw(a)} WHERE ${on} AND ${target.readable(Prisma.raw(a))})`,
    decode: (json) => (json == null ? null : row.decode(json)),
  };
}

/** The SQL and decoder of one row: its reads in a fixed order, then its planned children. */
function rowOf(table: Table, reads: string[], children: Child[], alias: string): Compiled<Row> {
  const values = [
    ...reads.map((field) => Prisma.raw(table.read(alias, field))),
    ...children.map((child) => child.value.sql),
  ];
  const isDate = reads.map((field) => table.dates.has(field));
  const size = values.length;
  const decode = (json: unknown): Row => {
    const array = flat(json, size);
    const row: Row = {};
    for (let i = 0; i < reads.length; i++) {
      const value = array[i];
      row[reads[i]!] = isDate[i] && value != null ? new Date(value as number) : value;
    }
    if (!children.length) {
      keepPlanned(row, NO_PLANNED);
      return row;
    }
    const planned: Row = {};
    for (let i = 0; i < children.length; i++)
      planned[children[i]!.key] = children[i]!.value.decode(array[reads.length + i]);
    keepPlanned(row, planned);
    return row;
  };
  return { sql: jsonArray(values), decode };
}

/** json_build_array takes at most 100 arguments: a longer row is built as arrays of 90 and read flat. */
const CHUNK = 90;

function jsonArray(values: Prisma.Sql[]): Prisma.Sql {
  if (values.length <= CHUNK) return Prisma.sql`json_build_array(${Prisma.join(values)})`;
  const chunks: Prisma.Sql[] = [];
  for (let i = 0; i < values.length; i += CHUNK)
    chunks.push(Prisma.sql`json_build_array(${Prisma.join(values.slice(i, i + CHUNK))})`);
  return Prisma.sql`json_build_array(${Prisma.join(chunks)})`;
}

const flat = (json: unknown, size: number): unknown[] =>
  size <= CHUNK ? (json as unknown[]) : (json as unknown[][]).flat();

/** Connection fields answered without its rows. */
const WITHOUT_ROWS = new Set(["totalCount", "aggregate", "__typename"]);

/**
 * What a connection's selection asks: the item type and the selections of its nodes, whether
 * it counts, whether it needs the page's rows at all (not for just totalCount and aggregates),
 * and its aggregate fields by response key.
 */
function connectionItems(scope: Scope, connection: GraphQLObjectType, nodes: readonly FieldNode[]) {
  let itemType: GraphQLObjectType | undefined;
  const items: SelectionSetNode[] = [];
  const aggregates = new Map<string, FieldNode[]>();
  let counted = false;
  let needsRows = false;
  for (const [key, fieldNodes] of collectFields(scope, connection, subSelections(nodes))) {
    const name = fieldNodes[0]!.name.value;
    if (name === "totalCount") counted = true;
    if (name === "aggregate") aggregates.set(key, fieldNodes);
    if (!WITHOUT_ROWS.has(name)) needsRows = true;
    if (name !== "edges") continue;
    const edgeType = objectTypeOf(connection.getFields().edges!.type)!;
    for (const [, edgeFields] of collectFields(scope, edgeType, subSelections(fieldNodes))) {
      if (edgeFields[0]!.name.value !== "node") continue;
      itemType = objectTypeOf(edgeType.getFields().node!.type);
      items.push(...subSelections(edgeFields));
    }
  }
  itemType ??= objectTypeOf(objectTypeOf(connection.getFields().edges?.type)?.getFields().node?.type);
  return { itemType, items, counted, needsRows, aggregates };
}

export interface PageQuery {
  table: Table;
  itemType: GraphQLObjectType;
  items: readonly SelectionSetNode[];
  /** Conditions on the rows (alias given), besides the page's own. */
  where: (alias: string) => Prisma.Sql;
  /** FROM items, the rows' table aliased as given (joins allowed). */
  from?: (alias: string) => Prisma.Sql;
  page: Page;
}

/** The rows of a page as one JSON array, each row an array of values (see `compileRow`). */
export function compilePage(scope: Scope, query: PageQuery): Compiled<Row[]> {
  const a = nextAlias(scope);
  const alias = Prisma.raw(a);
  const { table, page } = query;
  // Cursors are made of the sort keys, so every row carries them.
  const row = compileRow(
    scope,
    table,
    query.itemType,
    query.items,
    a,
    page.order.keys.map((key) => key.field),
  );
  const conditions = [query.where(a), table.readable(alias)];
  if (page.after) conditions.push(afterSql(table, page.order, a, page.after));
  if (page.before) conditions.push(afterSql(table, reversed(page.order), a, page.before));
  const order: Order = page.inverted ? reversed(page.order) : page.order;
  const from = query.from ? query.from(a) : Prisma.sql`${table.sqlName} ${alias}`;
  // ARRAY(subquery) keeps the subquery's order: no second sort per page (json_agg … ORDER BY
  // would sort each nested page again), and the rows are built only for the rows the LIMIT keeps.
  return {
    sql: Prisma.sql`array_to_json(ARRAY(SELECT ${row.sql} FROM ${from}
      WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${orderBySql(table, order, a)} LIMIT ${page.limit}))`,
    decode: (json) => (json as unknown[]).map(row.decode),
  };
}

/** How many rows meet the conditions. */
export function compileCount(
  scope: Scope,
  table: Table,
  where: (alias: string) => Prisma.Sql,
  from?: (alias: string) => Prisma.Sql,
): Prisma.Sql {
  const a = nextAlias(scope);
  const alias = Prisma.raw(a);
  return Prisma.sql`(SELECT count(*)::int FROM ${from ? from(a) : Prisma.sql`${table.sqlName} ${alias}`} WHERE ${where(a)} AND ${table.readable(alias)})`;
}

export interface PlannedPage {
  rows: Row[];
  /** Present when the selection counts the list. */
  totalCount?: number;
  /** The selection's aggregates by response key (those it could plan). */
  aggregates: Record<string, AggregateResult>;
}

/** The aggregates a connection's selection asks, over the rows of `query`; one with bad arguments is left to its resolver. */
function compileAggregates(
  scope: Scope,
  query: Omit<PageQuery, "itemType" | "items">,
  itemType: GraphQLObjectType,
  connection: GraphQLObjectType,
  aggregates: Map<string, FieldNode[]>,
) {
  const aggregateType = objectTypeOf(connection.getFields().aggregate?.type);
  if (!aggregateType) return [];
  const rowCompiler: RowCompiler = (table, type, selections, alias) =>
    compileRow(scope, table, type, selections, alias);
  const compiled: { key: string; value: CompiledAggregate }[] = [];
  for (const [key, nodes] of aggregates) {
    try {
      const source = { type: itemType, where: query.where, from: query.from };
      compiled.push({ key, value: compileAggregate(scope, source, aggregateType, nodes, rowCompiler) });
    } catch {
      // bad arguments: the resolver reports them at the field's path
    }
  }
  return compiled;
}

/** A connection's page, its count and its aggregates (each when selected), from a query on its rows. */
export function compileConnection(
  scope: Scope,
  query: Omit<PageQuery, "itemType" | "items">,
  connection: GraphQLObjectType,
  nodes: readonly FieldNode[],
): Compiled<PlannedPage> | undefined {
  const { itemType, items, counted, needsRows, aggregates } = connectionItems(scope, connection, nodes);
  if (!itemType || tableOfType(itemType) !== query.table) return undefined;
  const rows = needsRows ? compilePage(scope, { ...query, itemType, items }) : undefined;
  const count = counted ? compileCount(scope, query.table, query.where, query.from) : Prisma.sql`NULL`;
  const figures = compileAggregates(scope, query, itemType, connection, aggregates);
  return {
    sql: Prisma.sql`json_build_array(${Prisma.join([rows?.sql ?? Prisma.sql`'[]'::json`, count, ...figures.map((f) => f.value.sql)])})`,
    decode: (json) => {
      const [page, total, ...values] = json as [unknown, number | null, ...unknown[]];
      const planned: PlannedPage = { rows: rows ? rows.decode(page) : [], aggregates: {} };
      if (total !== null) planned.totalCount = total;
      for (const [i, figure] of figures.entries()) planned.aggregates[figure.key] = figure.value.decode(values[i]);
      return planned;
    },
  };
}

/** The condition tying a relation's rows (alias `a`) to the parent row. */
function relationWhere(relation: ManyRelation, parent: Parent, args: Args) {
  const parentKey = columnOf(relation.parentKey ?? parent.table.key);
  const field = relation.through ? relation.through.parentField : relation.parentField;
  return (a: string) => {
    const owner = relation.through ? `j_${a}` : a;
    const link = Prisma.raw(`${owner}."${columnOf(field)}" = ${parent.alias}."${parentKey}"`);
    const filter = relation.filter?.(args, Prisma.raw(a));
    return filter ? Prisma.sql`${link} AND ${filter}` : link;
  };
}

/** FROM items of a relation through a join table: the join table, then the target rows. */
function relationFrom(relation: ManyRelation) {
  const through = relation.through;
  if (!through) return undefined;
  const target = relation.target;
  return (a: string) =>
    Prisma.raw(
      `"${through.table.name}" j_${a} JOIN "${target.name}" ${a} ON ${a}."${columnOf(target.key)}" = j_${a}."${columnOf(through.targetField)}"`,
    );
}

function sizesOf(field: GraphQLField<unknown, unknown>): PageSizes {
  return (field.extensions?.pageSizes as PageSizes | undefined) ?? {};
}

function compileConnectionOf(
  scope: Scope,
  parent: Parent,
  relation: ManyRelation,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  args: Args,
): Compiled<unknown> | undefined {
  const connection = objectTypeOf(field.type);
  if (!connection) return undefined;
  const item = connectionItemType(connection);
  let page: Page;
  let asked: ListQuery;
  try {
    const own: ListQuery = { where: relationWhere(relation, parent, args), order: relation.order(args) };
    asked = item ? withListArguments(item, args, scope.viewerScopes, own) : own;
    page = pageOf(`${parent.type.name}.${field.name}`, args, asked.order, sizesOf(field));
  } catch {
    return undefined; // bad arguments: the resolver reports them at the field's path
  }
  return compileConnection(
    scope,
    { table: relation.target, where: asked.where, from: relationFrom(relation), page },
    connection,
    nodes,
  );
}

function compileListOf(
  scope: Scope,
  parent: Parent,
  relation: ManyRelation,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  args: Args,
  limit = 1000,
): Compiled<unknown> | undefined {
  const itemType = objectTypeOf(field.type);
  if (!itemType || tableOfType(itemType) !== relation.target) return undefined;
  const order = relation.order(args);
  const page = wholeList(order, limit);
  return compilePage(scope, {
    table: relation.target,
    itemType,
    items: subSelections(nodes),
    where: relationWhere(relation, parent, args),
    from: relationFrom(relation),
    page,
  });
}
