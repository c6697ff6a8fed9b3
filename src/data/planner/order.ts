// Orderings and keyset pages over any number of sort keys, ties broken by the table's key.
// NULLs sort as PostgreSQL sorts them by default (last ascending, first descending), so the
// default indexes serve every ordering; a page starts where its cursor's values left off.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Table } from "./table.ts";

export type Direction = "asc" | "desc";

export interface SortKey {
  /** Prisma field name of the column. */
  field: string;
  direction: Direction;
  /** Whether the column holds NULLs (its keyset conditions must place them). */
  nullable?: boolean;
  /** What a cursor holds for the key: the table's key is an integer, timestamps ISO text (set by orderOf). */
  type?: "key" | "timestamp" | "value";
}

export interface Order {
  /** Names the ordering in cursors: a cursor of another ordering is refused. */
  name: string;
  /** The sort keys; the last one must be unique (the table's key). */
  keys: readonly SortKey[];
}

/** An ordering by `keys`, then the table's key in the direction of the last of them. */
export function orderOf(table: Table, keys: readonly SortKey[]): Order {
  const last = keys[keys.length - 1];
  const all = last?.field === table.key ? keys : [...keys, { field: table.key, direction: last?.direction ?? "asc" }];
  const typed = all.map((key): SortKey => {
    const type = key.field === table.key ? "key" : table.dates.has(key.field) ? "timestamp" : "value";
    return { ...key, type };
  });
  return { name: typed.map((key) => `${key.field}:${key.direction}`).join(","), keys: typed };
}

const flip = (direction: Direction): Direction => (direction === "asc" ? "desc" : "asc");

/** The ordering read backwards (for `last`/`before`). */
export function reversed(order: Order): Order {
  return { name: order.name, keys: order.keys.map((key) => ({ ...key, direction: flip(key.direction) })) };
}

export type SortValue = string | number | boolean | null;

/** `ORDER BY` of the ordering on `alias`, in the order the keys are read. */
export function orderBySql(table: Table, order: Order, alias: string): Prisma.Sql {
  return Prisma.raw(
    order.keys
      .map((key) => `${alias}."${table.column(key.field)}" ${key.direction === "asc" ? "ASC" : "DESC"}`)
      .join(", "),
  );
}

/** The value as a statement parameter of the column's type. */
function param(table: Table, field: string, value: SortValue): Prisma.Sql {
  if (table.dates.has(field)) return Prisma.sql`${value}::timestamptz`;
  const enumType = table.enums[field];
  return enumType ? Prisma.sql`${value}::${Prisma.raw(`"${enumType}"`)}` : Prisma.sql`${value}`;
}

/**
 * Rows strictly after the row whose sort values are `values` (one per key), in `order`:
 * `a > x OR (a = x AND (b > y OR (b = y AND id > z)))`, with NULLs placed as ORDER BY places
 * them, and a bound on the first key alone so the index scan starts at the cursor.
 */
export function afterSql(table: Table, order: Order, alias: string, values: readonly SortValue[]): Prisma.Sql {
  const condition = (i: number): Prisma.Sql => {
    const key = order.keys[i]!;
    const column = Prisma.raw(`${alias}."${table.column(key.field)}"`);
    const value = values[i] ?? null;
    const rest = i + 1 < order.keys.length ? condition(i + 1) : undefined;
    const tie = (equal: Prisma.Sql) => (rest ? Prisma.sql`(${equal} AND ${rest})` : Prisma.sql`FALSE`);
    if (value === null) {
      // NULLs come last ascending: after a NULL only NULLs remain; first descending: all non-NULLs follow.
      const nulls = tie(Prisma.sql`${column} IS NULL`);
      return key.direction === "asc" ? nulls : Prisma.sql`(${column} IS NOT NULL OR ${nulls})`;
    }
    const beyond =
      key.direction === "asc"
        ? Prisma.sql`${column} > ${param(table, key.field, value)}`
        : Prisma.sql`${column} < ${param(table, key.field, value)}`;
    const equal = tie(Prisma.sql`${column} = ${param(table, key.field, value)}`);
    const laterNulls = key.direction === "asc" && key.nullable ? Prisma.sql` OR ${column} IS NULL` : Prisma.empty;
    return Prisma.sql`(${beyond}${laterNulls} OR ${equal})`;
  };
  const first = order.keys[0]!;
  const value = values[0] ?? null;
  if (value === null || (first.direction === "asc" && first.nullable)) return condition(0);
  const column = Prisma.raw(`${alias}."${table.column(first.field)}"`);
  const bound =
    first.direction === "asc"
      ? Prisma.sql`${column} >= ${param(table, first.field, value)}`
      : Prisma.sql`${column} <= ${param(table, first.field, value)}`;
  return Prisma.sql`(${bound} AND ${condition(0)})`;
}

/** A row's sort values as a cursor keeps them (timestamps as ISO text). */
export function sortValuesOf(order: Order, row: Readonly<Record<string, unknown>>): SortValue[] {
  return order.keys.map((key) => {
    const value = row[key.field];
    return value instanceof Date ? value.toISOString() : ((value ?? null) as SortValue);
  });
}
