// The loaders the declarations give every planned field for when nothing was planned for it (a
// mutation's payload, a subscription event, a field the planner skipped, or the planner turned
// off): per request, batched across all parents, whole rows. The differential test compares
// these answers with the planned ones, so the two paths never drift apart.
import { createContextCache } from "@pothos/core";
import DataLoader from "dataloader";
import { db } from "../db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { afterSql, orderBySql, reversed } from "./order.ts";
import type { Page } from "./page.ts";
import type { ManyRelation } from "./plan.ts";
import { type Table, columnOf } from "./table.ts";

export type Row = Record<string, unknown>;

/** A list of keys as one array parameter of their type (every key column is an integer or text). */
export const keyArray = (keys: readonly unknown[]) =>
  typeof keys[0] === "number" ? Prisma.sql`${[...keys]}::int[]` : Prisma.sql`${[...keys].map(String)}::text[]`;
type Args = Readonly<Record<string, unknown>>;

/** Every column of a row of `table` aliased `alias`, under Prisma's field names. */
export function wholeRow(table: Table, alias: string): Prisma.Sql {
  return Prisma.raw(table.fields.map((field) => `${table.read(alias, field)} AS "${field}"`).join(", "));
}

/** Rows read by db.query with `wholeRow`, their timestamps made Dates again. */
export function revive<T = Row>(table: Table, rows: Row[]): T[] {
  for (const row of rows) {
    for (const field of table.dates) {
      const value = row[field];
      if (typeof value === "number" || typeof value === "string") row[field] = new Date(value);
    }
  }
  return rows as T[];
}

/** The FROM items of a relation's rows (aliased `a`; a join table as `j_a`) and the column holding the parent key. */
function relationSource(relation: ManyRelation, a: string) {
  const { target, through } = relation;
  if (!through)
    return { from: Prisma.raw(`"${target.name}" ${a}`), parentColumn: `${a}."${columnOf(relation.parentField)}"` };
  const from = `"${through.table.name}" j_${a} JOIN "${target.name}" ${a} ON ${a}."${columnOf(target.key)}" = j_${a}."${columnOf(through.targetField)}"`;
  return { from: Prisma.raw(from), parentColumn: `j_${a}."${columnOf(through.parentField)}"` };
}

/** The condition tying a relation's rows (aliased `a`) to one parent, by the parent's key value. */
export function relationLink(relation: ManyRelation, a: string, parent: unknown): Prisma.Sql {
  const { through, target } = relation;
  if (!through) return Prisma.sql`${Prisma.raw(`${a}."${columnOf(relation.parentField)}"`)} = ${parent}`;
  return Prisma.sql`EXISTS (SELECT FROM "${Prisma.raw(through.table.name)}" j
    WHERE ${Prisma.raw(`j."${columnOf(through.targetField)}" = ${a}."${columnOf(target.key)}" AND j."${columnOf(through.parentField)}"`)} = ${parent})`;
}

/** The key of a relation's parent row: the field the relation's rows refer to. */
export const parentKeyOf = (relation: ManyRelation, parentTable: Table) => relation.parentKey ?? parentTable.key;

export interface ChildrenKey {
  parent: unknown;
  page: Page;
  /** The field's arguments: keys with equal ones share a statement. */
  args: Args;
  /** The conditions of the field's `where` (compiled from `args`, already checked). */
  where?: (alias: string) => Prisma.Sql;
}

function conditions(relation: ManyRelation, a: string, key: ChildrenKey): Prisma.Sql[] {
  const { target } = relation;
  const alias = Prisma.raw(a);
  const list = [target.readable(alias)];
  const filter = relation.filter?.(key.args, alias);
  if (filter) list.push(filter);
  if (key.where) list.push(key.where(a));
  if (key.page.after) list.push(afterSql(target, key.page.order, a, key.page.after));
  if (key.page.before) list.push(afterSql(target, reversed(key.page.order), a, key.page.before));
  return list;
}

async function childPages(relation: ManyRelation, keys: readonly ChildrenKey[]): Promise<Row[][]> {
  const { target } = relation;
  const sample = keys[0]!;
  const order = sample.page.inverted ? reversed(sample.page.order) : sample.page.order;
  const source = relationSource(relation, "a");
  const parents = [...new Set(keys.map((key) => key.parent))];
  const rows = await db.query<Row>(Prisma.sql`
    SELECT p.key AS "__parent", x.* FROM unnest(${keyArray(parents)}) WITH ORDINALITY AS p(key, n)
    CROSS JOIN LATERAL (SELECT ${wholeRow(target, "a")} FROM ${source.from}
      WHERE ${Prisma.raw(source.parentColumn)} = p.key AND ${Prisma.join(conditions(relation, "a", sample), " AND ")}
      ORDER BY ${orderBySql(target, order, "a")} LIMIT ${sample.page.limit}) x
    ORDER BY p.n, ${Prisma.raw(order.keys.map((key) => `x."${key.field}" ${key.direction === "asc" ? "ASC" : "DESC"}`).join(", "))}`);
  const byParent = new Map<unknown, Row[]>(parents.map((parent) => [parent, []]));
  for (const row of revive(target, rows)) {
    byParent.get(row.__parent)!.push(row);
    delete row.__parent;
  }
  return keys.map((key) => byParent.get(key.parent)!);
}

/** Keys of one shape (same filter and page) share a statement. */
const shapeOf = (key: ChildrenKey) => {
  const { order, after, before, limit, inverted } = key.page;
  return JSON.stringify([key.args, order.name, after, before, limit, inverted]);
};

const pageLoaders = createContextCache(() => new Map<ManyRelation, DataLoader<ChildrenKey, Row[], string>>());

/** The rows of each parent's page of `relation`, batched: one statement per page shape. */
export function childrenLoader(context: object, relation: ManyRelation): DataLoader<ChildrenKey, Row[], string> {
  const loaders = pageLoaders(context);
  let loader = loaders.get(relation);
  if (!loader) {
    loader = new DataLoader<ChildrenKey, Row[], string>(
      async (keys) => {
        const byShape = new Map<string, number[]>();
        keys.forEach((key, i) => {
          const shape = shapeOf(key);
          byShape.set(shape, [...(byShape.get(shape) ?? []), i]);
        });
        const results: Row[][] = new Array(keys.length);
        await Promise.all(
          [...byShape.values()].map(async (indexes) => {
            const pages = await childPages(
              relation,
              indexes.map((i) => keys[i]!),
            );
            for (const [j, index] of indexes.entries()) results[index] = pages[j]!;
          }),
        );
        return results;
      },
      { cacheKeyFn: (key) => `${String(key.parent)}|${shapeOf(key)}` },
    );
    loaders.set(relation, loader);
  }
  return loader;
}

interface CountKey {
  parent: unknown;
  args: Args;
  where?: (alias: string) => Prisma.Sql;
}

const countLoaders = createContextCache(() => new Map<ManyRelation, DataLoader<CountKey, number, string>>());

/** How many rows of `relation` each parent has (meeting the arguments' filter): one GROUP BY per filter. */
export function childCountLoader(context: object, relation: ManyRelation): DataLoader<CountKey, number, string> {
  const loaders = countLoaders(context);
  let loader = loaders.get(relation);
  if (!loader) {
    const { target } = relation;
    loader = new DataLoader<CountKey, number, string>(
      async (keys) => {
        const filterOf = (key: CountKey) => relation.filter?.(key.args, Prisma.raw("a"));
        const byFilter = new Map<string, CountKey[]>();
        for (const key of keys) {
          const text = JSON.stringify(key.args);
          byFilter.set(text, [...(byFilter.get(text) ?? []), key]);
        }
        const counts = new Map<string, number>();
        await Promise.all(
          [...byFilter.entries()].map(async ([text, group]) => {
            const source = relationSource(relation, "a");
            const filter = filterOf(group[0]!);
            const where = group[0]!.where?.("a");
            const rows = await db.query<{ parent: unknown; n: number }>(Prisma.sql`
              SELECT ${Prisma.raw(source.parentColumn)} AS parent, count(*)::int AS n FROM ${source.from}
              WHERE ${Prisma.raw(source.parentColumn)} = ANY(${keyArray([...new Set(group.map((key) => key.parent))])})
                AND ${target.readable(Prisma.raw("a"))} ${filter ? Prisma.sql`AND ${filter}` : Prisma.empty}
                ${where ? Prisma.sql`AND ${where}` : Prisma.empty}
              GROUP BY 1`);
            for (const row of rows) counts.set(`${String(row.parent)}|${text}`, row.n);
          }),
        );
        return keys.map((key) => counts.get(`${String(key.parent)}|${JSON.stringify(key.args)}`) ?? 0);
      },
      { cacheKeyFn: (key) => `${String(key.parent)}|${JSON.stringify(key.args)}` },
    );
    loaders.set(relation, loader);
  }
  return loader;
}

/** Rows of `table` by key, whole, in no particular order (DataLoader's `sort` orders them). */
export async function rowsByKeys<T>(table: Table, keys: readonly unknown[]): Promise<T[]> {
  const rows = await db.query<Row>(
    Prisma.sql`SELECT ${wholeRow(table, "r")} FROM ${table.sqlName} r
      WHERE r.${Prisma.raw(`"${columnOf(table.key)}"`)} = ANY(${keyArray(keys)}) AND ${table.readable(Prisma.raw("r"))}`,
  );
  return revive<T>(table, rows);
}

const rowLoaders = createContextCache(() => new Map<Table, DataLoader<unknown, Row | null, unknown>>());

/** Whole rows of `table` by key, batched per request (null for a missing or hidden row). */
export function rowLoader(context: object, table: Table): DataLoader<unknown, Row | null, unknown> {
  const loaders = rowLoaders(context);
  let loader = loaders.get(table);
  if (!loader) {
    loader = new DataLoader<unknown, Row | null, unknown>(async (keys) => {
      const byKey = new Map((await rowsByKeys<Row>(table, keys)).map((row) => [row[table.key], row]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
    loaders.set(table, loader);
  }
  return loader;
}
