// Field helpers for table-backed types: each declares what its field reads (extensions.plan,
// compiled by the planner) and gives it the resolver that answers from the planned value, or,
// when nothing was planned, through the per-request loaders the same declaration defines.
// Spread one into a Pothos field's options: `workOrder: t.field({ type: WorkOrderNode,
// description, ...toOne(workOrderTable, "workOrderId") })`.
import type { GraphQLResolveInfo } from "graphql";
import { objectTypeOf } from "./collect.ts";
import type { PlannedPage } from "./compile.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Row, childCountLoader, childrenLoader, parentKeyOf, relationLink, rowLoader } from "./loaders.ts";
import { withListArguments } from "./queries/list-query.ts";
import type { AggregateSource } from "./queries/aggregate.ts";
import { connectionItemType, withAggregateSource } from "./queries/schema.ts";
import { type Page, type PageSizes, connectionOf, pageOf, wholeList } from "./page.ts";
import type { FieldPlan, Hop, ManyRelation } from "./plan.ts";
import { type PlannerContext, ownSelections, plannedRows } from "./run.ts";
import type { Table } from "./table.ts";
import { NOT_PLANNED, plannedValue } from "./values.ts";
import type { Context } from "../../graphql/context.ts";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import { type ConnectionArgs, listOf } from "../../graphql/pagination.ts";

type Args = Record<string, unknown>;
type Info = GraphQLResolveInfo;

const planned = (plan: FieldPlan, more: Record<string, unknown> = {}) => ({ extensions: { plan, ...more } });

/** A field computed by its resolver from these fields of the row. */
export const reads = <Parent>(...fields: (keyof Parent & string)[]) => planned({ kind: "columns", reads: fields });

/** A field resolved by its own resolver through loaders (never planned); it reads these fields of the row. */
export const loaded = <Parent>(...fields: (keyof Parent & string)[]) => planned({ kind: "loaded", reads: fields });

/** The row itself as another object type (e.g. its Status), whose fields read `fields` of it. */
export function embed<Parent extends object>(...fields: (keyof Parent & string)[]) {
  return {
    ...planned({ kind: "embed", reads: fields }),
    resolve: (parent: Parent) => {
      const view: Partial<Parent> = {};
      for (const field of fields) view[field] = parent[field];
      return view as Parent;
    },
  };
}

/**
 * The row of `target` whose key is the parent's `from` field (null when that is null); with
 * `via`, the row reached from there through each hop (e.g. a batch's project: its work order's
 * projectId).
 */
export function toOne<Parent extends object>(target: Table, from: keyof Parent & string, ...via: Hop[]) {
  return {
    ...planned({ kind: "toOne", target, from, via, reads: [from] }),
    resolve: (parent: Parent, _args: Args, context: object, info: Info) => {
      const value = plannedValue<Row | null>(parent, info);
      if (value !== NOT_PLANNED) return value as never;
      // Not planned: the key, which the target node's loader loads (after loading each hop's row).
      const key = parent[from] ?? null;
      return (via.length ? keyVia(context, via, key) : key) as never;
    },
  };
}

async function keyVia(context: object, via: readonly Hop[], key: unknown): Promise<unknown> {
  for (const hop of via) {
    if (key == null) return null;
    key = (await rowLoader(context, hop.table).load(key))?.[hop.field] ?? null;
  }
  return key;
}

/** The arguments of a to-many field that choose its rows (its filters), without the page's. */
function filterArgs(args: Args): Args {
  const { first: _first, last: _last, after: _after, before: _before, ...rest } = args;
  return rest;
}

function loadedPage(context: object, relation: ManyRelation, parent: unknown, page: Page, args: Args) {
  return childrenLoader(context, relation).load({ parent, page, args: filterArgs(args) });
}

/** A connection over the rows of a to-many relation (checked page arguments, keyset cursors). */
export function manyConnection<Parent extends object>(
  parentTable: Table,
  relation: ManyRelation,
  sizes: PageSizes = {},
) {
  const parentKey = parentKeyOf(relation, parentTable) as keyof Parent & string;
  return {
    ...planned({ kind: "many", relation, paged: true, whole: true, reads: [parentKey] }, { pageSizes: sizes }),
    resolve: (parent: Parent, connectionArgs: ConnectionArgs, context: Context, info: Info) => {
      const args = connectionArgs as Args;
      const item = connectionItemType(info.returnType)!;
      // The arguments' where and orderBy, checked before any SQL.
      const asked = withListArguments(item, args, context.viewer?.scopes, {
        where: () => Prisma.sql`TRUE`,
        order: relation.order(args),
      });
      const page = pageOf(listOf(info), args, asked.order, sizes);
      const key = parent[parentKey];
      const where = args.where ? asked.where : undefined;
      const count = () => childCountLoader(context, relation).load({ parent: key, args: filterArgs(args), where });
      const value = plannedValue<PlannedPage>(parent, info);
      const source: AggregateSource = {
        type: item,
        where: (alias: string) =>
          Prisma.sql`${relationLink(relation, alias, key)} AND ${relation.filter?.(args, Prisma.raw(alias)) ?? Prisma.sql`TRUE`} AND ${asked.where(alias)}`,
      };
      // Rows of the target's shape (planned ones hold just what the selection reads): typed by the field.
      if (value !== NOT_PLANNED)
        return withAggregateSource(
          connectionOf(page, value.rows, args, value.totalCount ?? count),
          source,
          value.aggregates,
        ) as never;
      return childrenLoader(context, relation)
        .load({ parent: key, page, args: filterArgs(args), where })
        .then((rows) => withAggregateSource(connectionOf(page, rows, args, count), source)) as never;
    },
  };
}

/** Lists without a declared size are read up to this many rows (a letter's few status changes). */
const UNSIZED_LIST_LIMIT = 1000;

/**
 * Every row of a to-many relation, as a list: at most `size` (a size the query cost counts), or,
 * for lists whose items hold no list of their own, up to UNSIZED_LIST_LIMIT. `whole` says that
 * `size` is the most rows a parent can have (so the list is all of them, and `where` can ask
 * some/every/none of it); a list without a size is whole.
 */
export function manyList<Parent extends object>(
  parentTable: Table,
  relation: ManyRelation,
  size?: number,
  { whole = size === undefined }: { whole?: boolean } = {},
) {
  const parentKey = parentKeyOf(relation, parentTable) as keyof Parent & string;
  const limit = size ?? UNSIZED_LIST_LIMIT;
  return {
    ...planned(
      { kind: "many", relation, paged: false, whole, limit, reads: [parentKey] },
      size ? listSize({ max: size }) : {},
    ),
    resolve: (parent: Parent, fieldArgs: object, context: object, info: Info) => {
      const args = fieldArgs as Args;
      const value = plannedValue<Row[]>(parent, info);
      if (value !== NOT_PLANNED) return value as never;
      const order = relation.order(args);
      const page = wholeList(order, limit);
      return loadedPage(context, relation, parent[parentKey], page, args) as never;
    },
  };
}

export interface ComputedOptions<Parent, T, R = T> {
  reads?: (keyof Parent & string)[];
  /** The value as SQL (a JSON-able expression) over the row's alias. */
  sql: Extract<FieldPlan, { kind: "computed" }>["sql"];
  /** Turns the value read as JSON into the field's value. */
  decode?: (json: unknown) => T;
  /** The value when nothing was planned (a batched loader). */
  load: (parent: Parent, args: Args, context: Context) => T | Promise<T>;
  /** The field's value from the computed one and the row (e.g. counts with the row's total). */
  finish?: (value: T, parent: Parent) => R;
}

/** A value computed from the row by SQL when planned, by `load` otherwise. */
export function computed<Parent extends object, T, R = T>(options: ComputedOptions<Parent, T, R>) {
  const finish = options.finish ?? ((value: T) => value as unknown as R);
  return {
    ...planned({ kind: "computed", reads: options.reads ?? [], sql: options.sql, decode: options.decode }),
    resolve: (parent: Parent, args: object, context: Context, info: Info): R | Promise<R> => {
      const value = plannedValue<T>(parent, info);
      if (value !== NOT_PLANNED) return finish(value, parent);
      const loaded = options.load(parent, args as Args, context);
      return loaded instanceof Promise ? loaded.then((v) => finish(v, parent)) : finish(loaded, parent);
    },
  };
}

/**
 * Rows of `table` by key for a root field returning them (a lookup such as `processStatuses(ids:)`),
 * in the keys' order, missing ones left out: planned with everything the selection reads, or
 * through `load` (whole rows) when the planner is off.
 */
export async function rowsInOrder<T extends object>(
  table: Table,
  keys: readonly unknown[],
  context: PlannerContext,
  info: Info,
  load: (keys: readonly unknown[]) => Promise<readonly T[]>,
): Promise<(T | Row)[]> {
  const type = objectTypeOf(info.returnType);
  const planned = type ? await plannedRows(table, type, ownSelections(info), keys, context, info) : undefined;
  const byKey: Map<unknown, T | Row> =
    planned ?? new Map((await load(keys)).map((row) => [(row as Row)[table.key], row] as const));
  return keys.flatMap((key): (T | Row)[] => {
    const row = byKey.get(key);
    return row ? [row] : [];
  });
}

/**
 * A root field returning one row of `table` by key (e.g. `batch(id:)`): planned with everything
 * its selection reads, or the key for the node's loader when the planner is off.
 */
export async function rowByKey(
  table: Table,
  key: unknown,
  context: PlannerContext,
  info: Info,
): Promise<Row | unknown> {
  const type = objectTypeOf(info.returnType);
  const rows = type ? await plannedRows(table, type, ownSelections(info), [key], context, info) : undefined;
  return rows ? (rows.get(key) ?? null) : key;
}
