// Loaders over many parents at once. Per-parent keyset pages ("the first 10 cycles of each of
// these 50 batches") are ONE statement: a subquery per parent id, so each page uses the
// (parent, key) index, each page aggregated into one JSON value (far cheaper to read than its
// rows). Keys with the same page shape or filter share a statement.
import DataLoader from "dataloader";
import { db } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { type ConnectionArgs, type Ordering, type PageRequest, keysetConnection } from "../graphql/pagination.ts";
import { objectsOf, selectList } from "../sql.ts";

export interface WindowSource {
  /** FROM items, the paged table aliased `r` (joins allowed). */
  from: Prisma.Sql;
  /** The column holding the parent id, e.g. r.batch_id. */
  parent: Prisma.Sql;
  /** The unique keyset column within a parent, ascending, e.g. r.id. */
  key: Prisma.Sql;
  /** Each field of a row and its SQL expression (code, not input); must include "pageKey", the key. */
  columns: Record<string, string>;
  /** The timestamp fields, read back as Dates. */
  dates: readonly string[];
}

export interface WindowKey {
  parentId: number;
  page: PageRequest;
  /** Extra condition on `r`; keys with equal `filterKey` must carry equal conditions. */
  filter: Prisma.Sql;
  filterKey: string;
  /**
   * The row fields to read (names of `source.columns`, with "pageKey"), when the query's
   * selection needs only these; all of them when absent. Part of the cache key, so rows read
   * for one selection never answer another.
   */
  fields?: readonly string[];
}

export type WindowRow = { pageKey: number };

/** The DataLoader cache key of a page: keys with equal ones are the same page of the same parent. */
export const windowCacheKey = (key: WindowKey) => `${key.parentId}|${shapeOf(key)}`;

const fieldLists = new WeakMap<readonly string[], string>();

/** The page's shape as text (made twice per parent and request: kept cheap). */
function shapeOf(key: WindowKey): string {
  const { after, before, limit, inverted } = key.page;
  let fields = "*";
  if (key.fields) {
    fields = fieldLists.get(key.fields) ?? key.fields.join(",");
    fieldLists.set(key.fields, fields);
  }
  // Unambiguous: only filterKey (first) may hold a "|"; the five parts after it never do.
  return `${key.filterKey}|${after?.id ?? ""}|${before?.id ?? ""}|${limit}|${inverted ? "desc" : "asc"}|${fields}`;
}

const fieldsOf = (source: WindowSource, fields: readonly string[] | undefined) => fields ?? Object.keys(source.columns);

/**
 * A subquery giving one parent's page as a JSON array of rows, each an array of its values in
 * the order of `source.columns` (see `pageRows`); the parent's id is read from `parentId`.
 */
export function pageJson(source: WindowSource, parentId: Prisma.Sql, key: Omit<WindowKey, "parentId" | "filterKey">): Prisma.Sql {
  const { after, before, limit, inverted } = key.page;
  const names = fieldsOf(source, key.fields);
  const conditions = [Prisma.sql`${source.parent} = ${parentId}`, key.filter];
  if (after) conditions.push(Prisma.sql`${source.key} > ${after.id}`);
  if (before) conditions.push(Prisma.sql`${source.key} < ${before.id}`);
  const direction = inverted ? Prisma.raw("DESC") : Prisma.raw("ASC");
  const values = Prisma.raw(names.map((name) => `w."${name}"`).join(", "));
  const columns = Object.fromEntries(names.map((name) => [name, source.columns[name]!]));
  return Prisma.sql`(SELECT coalesce(json_agg(json_build_array(${values}) ORDER BY w."pageKey" ${direction}), '[]')
    FROM (SELECT ${selectList(columns)} FROM ${source.from}
      WHERE ${Prisma.join(conditions, " AND ")} ORDER BY ${source.key} ${direction} LIMIT ${limit}) AS w)`;
}

const readers = new WeakMap<WindowSource, Map<string, (page: unknown[][]) => unknown[]>>();

/** The rows of a page read by `pageJson` with `fields` (a reader is made once per source and fields). */
export function pageRows<Row>(source: WindowSource, page: unknown[][], fields?: readonly string[]): Row[] {
  let bySource = readers.get(source);
  if (!bySource) readers.set(source, (bySource = new Map()));
  const names = fieldsOf(source, fields);
  const shape = names.join(",");
  let read = bySource.get(shape);
  if (!read) bySource.set(shape, (read = objectsOf(names, source.dates)));
  return read(page) as Row[];
}

function pageSql(source: WindowSource, parentIds: number[], sample: WindowKey): Prisma.Sql {
  return Prisma.sql`SELECT p.id AS "parentKey", ${pageJson(source, Prisma.sql`p.id`, sample)} AS rows
    FROM unnest(${parentIds}::int[]) AS p(id)`;
}

function append<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A DataLoader returning, for each key, its parent's rows of the requested page in page order. */
export function windowLoader<Row extends WindowRow>(source: WindowSource) {
  return new DataLoader<WindowKey, Row[], string>(
    async (keys) => {
      const keyShapes = keys.map(shapeOf);
      const shapes = new Map<string, WindowKey[]>();
      keys.forEach((key, i) => append(shapes, keyShapes[i]!, key));
      const byKey = new Map<string, Row[]>();
      await Promise.all(
        [...shapes.entries()].map(async ([shape, group]) => {
          const parentIds = [...new Set(group.map((key) => key.parentId))];
          const pages = await db.query<{ parentKey: number; rows: unknown[][] }>(pageSql(source, parentIds, group[0]!));
          for (const page of pages) byKey.set(`${page.parentKey}|${shape}`, pageRows<Row>(source, page.rows, group[0]!.fields));
        }),
      );
      return keys.map((key, i) => byKey.get(`${key.parentId}|${keyShapes[i]}`) ?? []);
    },
    { cacheKeyFn: windowCacheKey },
  );
}

export interface CountKey {
  parentId: number;
  filter: Prisma.Sql;
  filterKey: string;
}

/** A DataLoader counting each parent's rows (meeting the key's filter) with one GROUP BY per filter. */
export function countLoader(source: Pick<WindowSource, "from" | "parent">) {
  return new DataLoader<CountKey, number, string>(
    async (keys) => {
      const filters = new Map<string, CountKey[]>();
      for (const key of keys) append(filters, key.filterKey, key);
      const counts = new Map<string, number>();
      await Promise.all(
        [...filters.entries()].map(async ([filterKey, group]) => {
          const parentIds = [...new Set(group.map((key) => key.parentId))];
          const rows = await db.query<{ parentKey: number; n: number }>(
            Prisma.sql`SELECT ${source.parent} AS "parentKey", count(*)::int AS n FROM ${source.from}
              WHERE ${source.parent} = ANY(${parentIds}::int[]) AND ${group[0]!.filter} GROUP BY 1`,
          );
          for (const row of rows) counts.set(`${row.parentKey}|${filterKey}`, row.n);
        }),
      );
      return keys.map((key) => counts.get(`${key.parentId}|${key.filterKey}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.parentId}|${key.filterKey}` },
  );
}

/** A page read ahead for a parent (src/production/batch-preload.ts), under its loader cache key. */
export interface ReadAheadPage<Row> {
  cacheKey: string;
  rows: Row[];
}

/** How a parent's nested list is ordered: by its integer page key (e.g. a cycle's position). */
export const parentOrdering = (list: string): Ordering => ({ list, order: "key", valueType: "integer" });

/**
 * A nested connection of one parent (e.g. a batch's cycles), its page read through `pages`, or
 * taken from `ahead` when that is the very page asked for (then answered without a promise).
 */
export function parentConnection<Row extends WindowRow>(
  list: string,
  args: ConnectionArgs,
  pages: DataLoader<WindowKey, Row[], string>,
  key: Omit<WindowKey, "page">,
  totalCount: number | (() => Promise<number>),
  ahead?: ReadAheadPage<Row>,
) {
  return keysetConnection(
    args,
    (page) => {
      const pageKey = { ...key, page };
      return ahead && ahead.cacheKey === windowCacheKey(pageKey) ? ahead.rows : pages.load(pageKey);
    },
    { ordering: parentOrdering(list), sortValue: (row) => row.pageKey, id: (row) => row.pageKey, totalCount },
  );
}

/** The key part for loads that take every row of the parent. */
export const NO_FILTER = { filter: Prisma.sql`TRUE`, filterKey: "" };
