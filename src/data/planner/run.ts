// The planner's entry points for root fields: a list (connection) and rows looked up by key.
// Planned, each is one statement returning one JSON value that holds the page, its count and
// everything the selection reads below it; with the planner off (or for a shape it does not
// plan) the same answer comes from a plain statement for the rows and the fields' own loaders.
import type { FieldNode, GraphQLObjectType, GraphQLResolveInfo, SelectionSetNode } from "graphql";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type ConnectionArgs, listOf } from "../../graphql/pagination.ts";
import { collectFields, objectTypeOf, subSelections } from "./collect.ts";
import { withListArguments } from "./queries/list-query.ts";
import { connectionItemType, withAggregateSource } from "./queries/schema.ts";

type Args = Readonly<Record<string, unknown>>;
import { type PlannedPage, type Scope, compileConnection, compileCount, compileRow } from "./compile.ts";
import { type Order, afterSql, orderBySql, reversed } from "./order.ts";
import { type PageSizes, connectionOf, pageOf } from "./page.ts";
import { type Row, keyArray, revive, wholeRow } from "./loaders.ts";
import { type Table, columnOf } from "./table.ts";

/** What the planner needs of a request's context: whether it plans. */
export interface PlannerContext {
  /** False runs every field through its own loaders (the reference the planned answers are tested against). */
  planner: boolean;
  /** The token's scopes decide which types `where`, `orderBy` and aggregates may look at. */
  viewer: { scopes: ReadonlySet<string> } | null;
}

export const scopeOf = (info: GraphQLResolveInfo, context?: PlannerContext): Scope => ({
  schema: info.schema,
  fragments: info.fragments,
  variables: info.variableValues,
  aliases: 0,
  viewerScopes: context?.viewer?.scopes,
});

export interface RootList {
  table: Table;
  /** Conditions on the rows (their alias given): the list's filters. */
  where: (alias: string) => Prisma.Sql;
  order: Order;
  sizes?: PageSizes;
}

async function single<T>(sql: Prisma.Sql): Promise<T> {
  const [row] = await db.query<{ v: T }>(Prisma.sql`SELECT ${sql} AS v`);
  return row!.v;
}

/** A root connection over `list`: its arguments checked first, then one statement (planned) or a plain page. */
export async function listConnection(
  given: RootList,
  args: ConnectionArgs,
  context: PlannerContext,
  info: GraphQLResolveInfo,
) {
  const itemType = connectionItemType(info.returnType);
  // The arguments' where and orderBy, checked before any SQL.
  const list = itemType
    ? { ...given, ...withListArguments(itemType, args as Args, context.viewer?.scopes, given) }
    : given;
  const page = pageOf(listOf(info), args, list.order, list.sizes);
  const connectionType = objectTypeOf(info.returnType);
  const scope = scopeOf(info, context);
  const planned =
    context.planner && connectionType
      ? compileConnection(scope, { ...list, page }, connectionType, info.fieldNodes)
      : undefined;
  const count = () => single<number>(compileCount(scopeOf(info), list.table, list.where));
  const aggregated = <T extends object>(connection: T, figures?: PlannedPage["aggregates"]) =>
    itemType ? withAggregateSource(connection, { type: itemType, where: list.where }, figures) : connection;
  if (planned) {
    const result = planned.decode(await single(planned.sql));
    return aggregated(connectionOf(page, result.rows, args, result.totalCount ?? count), result.aggregates);
  }
  const { table } = list;
  const conditions = [list.where("a"), table.readable(Prisma.raw("a"))];
  if (page.after) conditions.push(afterSql(table, page.order, "a", page.after));
  if (page.before) conditions.push(afterSql(table, reversed(page.order), "a", page.before));
  const order = page.inverted ? reversed(page.order) : page.order;
  const rows = await db.query<Row>(Prisma.sql`SELECT ${wholeRow(table, "a")} FROM ${table.sqlName} a
    WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${orderBySql(table, order, "a")} LIMIT ${page.limit}`);
  return aggregated(connectionOf(page, revive(table, rows), args, count));
}

/**
 * Rows of `table` by key for a selection on `type` (e.g. `batch(id:)`, `nodes(ids:)`): one
 * statement for all of them, in no particular order; each row keeps what the selection reads
 * below it. Undefined when the planner is off: the caller loads them through the node's loader.
 */
export async function plannedRows(
  table: Table,
  type: GraphQLObjectType,
  selections: readonly SelectionSetNode[],
  keys: readonly unknown[],
  context: PlannerContext,
  info: GraphQLResolveInfo,
  /** A unique field to look the rows up by instead of the key (e.g. a subscription's msisdn). */
  by: string = table.key,
): Promise<Map<unknown, Row> | undefined> {
  if (!context.planner) return undefined;
  const byKey = new Map<unknown, Row>();
  if (!keys.length) return byKey;
  const row = compileRow(scopeOf(info), table, type, selections, "r", [by]);
  const rows = await db.query<{ v: unknown }>(Prisma.sql`SELECT ${row.sql} AS v FROM ${table.sqlName} r
    WHERE r.${Prisma.raw(`"${columnOf(by)}"`)} = ANY(${keyArray([...new Set(keys)])}) AND ${table.readable(Prisma.raw("r"))}`);
  for (const { v } of rows) {
    const decoded = row.decode(v);
    byKey.set(decoded[by], decoded);
  }
  return byKey;
}

/** The selections of the root field's own nodes (for lookups returning the type directly). */
export const ownSelections = (info: GraphQLResolveInfo): SelectionSetNode[] =>
  subSelections(info.fieldNodes as FieldNode[]);

/**
 * The selections below the root field's result at `path` (e.g. ["messages"] of a result object
 * holding the rows), with the object type found there.
 */
export function selectionsAt(info: GraphQLResolveInfo, path: readonly string[]) {
  let type = objectTypeOf(info.returnType);
  let selections = ownSelections(info);
  for (const name of path) {
    if (!type) return undefined;
    const nodes = [...collectFields(scopeOf(info), type, selections).values()]
      .flat()
      .filter((node) => node.name.value === name);
    selections = subSelections(nodes);
    type = objectTypeOf(type.getFields()[name]?.type);
  }
  return type ? { type, selections } : undefined;
}
