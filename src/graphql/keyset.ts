// Prisma `where`/`orderBy` for keyset pagination on (sort field, id). NULLs sort as the
// largest values, as PostgreSQL does by default, so nullable sort fields page correctly.
import { Prisma } from "../generated/prisma/client.ts";
import { columnOf } from "../sql.ts";
import { type ConnectionArgs, type Cursor, type Ordering, type PageRequest, keysetConnection } from "./pagination.ts";

export interface SortSpec {
  /** Prisma field name, e.g. "createdAt". */
  field: string;
  direction: "asc" | "desc";
  /** "timestamp" fields keep ISO text in cursors, turned back into dates for the query. */
  type: "timestamp" | "text";
  nullable?: boolean;
}

type Where = Record<string, unknown>;

/** The ordering cursors of `list` sorted by `sort` are sealed for (src/graphql/pagination.ts). */
export function orderingOf(list: string, sort: SortSpec): Ordering {
  return { list, order: `${sort.field}:${sort.direction}`, valueType: sort.type, nullable: sort.nullable ?? false };
}

/** A cursor's sort value as the query compares it. */
const sortValueOf = (sort: SortSpec, cursor: Cursor) =>
  cursor.value === null ? null : sort.type === "timestamp" ? new Date(cursor.value) : cursor.value;

function flip(direction: "asc" | "desc") {
  return direction === "asc" ? "desc" : "asc";
}

function afterCondition(sort: SortSpec, cursor: Cursor, direction: "asc" | "desc"): Where {
  const { field } = sort;
  const value = sortValueOf(sort, cursor);
  const idCmp = direction === "asc" ? { gt: cursor.id } : { lt: cursor.id };
  const equal: Where = { [field]: value, id: idCmp };
  if (direction === "asc") {
    if (value === null) return equal;
    const after = { OR: [{ [field]: { gt: value } }, ...(sort.nullable ? [{ [field]: null }] : []), equal] };
    return sort.nullable ? after : bounded({ [field]: { gte: value } }, after);
  }
  if (value === null) return { OR: [{ [field]: { not: null } }, equal] };
  return bounded({ [field]: { lte: value } }, { OR: [{ [field]: { lt: value } }, equal] });
}

// PostgreSQL cannot start an index scan at an OR of conditions; a bound on the sort field alone
// lets it start at the cursor, so a page deep in the list costs what the first page does.
function bounded(bound: Where, condition: Where): Where {
  return { AND: [bound, condition] };
}

/** The where clause (to AND with filters) and orderBy for one page. */
export function keysetQuery(sort: SortSpec, page: PageRequest) {
  const direction = page.inverted ? flip(sort.direction) : sort.direction;
  const conditions: Where[] = [];
  // Walking forwards, rows come after `after` and before `before`; inverted, the roles swap.
  if (page.after) conditions.push(afterCondition(sort, page.after, sort.direction));
  if (page.before) conditions.push(afterCondition(sort, page.before, flip(sort.direction)));
  const orderField = sort.nullable
    ? { [sort.field]: { sort: direction, nulls: direction === "asc" ? "last" : "first" } }
    : { [sort.field]: direction };
  return {
    where: conditions.length ? { AND: conditions } : {},
    orderBy: [orderField, { id: direction }],
    take: page.limit,
  };
}

type PageQuery = ReturnType<typeof keysetQuery>;

/**
 * A keyset connection ordered by creation time (every listed table indexes (created_at, id)).
 * `find` gets the page's where/orderBy/take to AND with its own filters.
 */
export function createdAtConnection<T extends { id: number; createdAt: Date }>(
  list: string,
  args: ConnectionArgs,
  direction: "asc" | "desc",
  find: (page: PageQuery) => Promise<T[]>,
  count: () => Promise<number>,
  sizes: { defaultSize?: number; maxSize?: number } = {},
) {
  const sort: SortSpec = { field: "createdAt", direction, type: "timestamp" };
  return keysetConnection(args, (page) => find(keysetQuery(sort, page)), {
    ordering: orderingOf(list, sort),
    sortValue: (row) => row.createdAt.toISOString(),
    id: (row) => row.id,
    totalCount: count,
    ...sizes,
  });
}

/**
 * The same keyset page as `keysetQuery`, as SQL over table alias `alias` (for lists read with
 * db.query): its conditions, its ORDER BY and the direction the rows are read in. Column names
 * follow Prisma's fields (`columnOf`).
 */
export function keysetSql(sort: SortSpec, page: PageRequest, alias: string) {
  const column = Prisma.raw(`${alias}."${columnOf(sort.field)}"`);
  const id = Prisma.raw(`${alias}.id`);
  const after = (cursor: Cursor, direction: "asc" | "desc"): Prisma.Sql => {
    const value = sortValueOf(sort, cursor);
    const idAfter = direction === "asc" ? Prisma.sql`${id} > ${cursor.id}` : Prisma.sql`${id} < ${cursor.id}`;
    // NULLs sort last ascending and first descending, as in keysetQuery and PostgreSQL's default.
    if (value === null) {
      return direction === "asc" ? Prisma.sql`(${column} IS NULL AND ${idAfter})` : Prisma.sql`(${column} IS NOT NULL OR (${column} IS NULL AND ${idAfter}))`;
    }
    const beyond = direction === "asc" ? Prisma.sql`${column} > ${value}` : Prisma.sql`${column} < ${value}`;
    const tie = Prisma.sql`(${column} = ${value} AND ${idAfter})`;
    if (direction === "asc" && sort.nullable) return Prisma.sql`(${beyond} OR ${column} IS NULL OR ${tie})`;
    // The bound alone lets the index scan start at the cursor (see `bounded`).
    const bound = direction === "asc" ? Prisma.sql`${column} >= ${value}` : Prisma.sql`${column} <= ${value}`;
    return Prisma.sql`(${bound} AND (${beyond} OR ${tie}))`;
  };
  const conditions: Prisma.Sql[] = [];
  if (page.after) conditions.push(after(page.after, sort.direction));
  if (page.before) conditions.push(after(page.before, flip(sort.direction)));
  const direction = Prisma.raw((page.inverted ? flip(sort.direction) : sort.direction).toUpperCase());
  return { conditions, orderBy: Prisma.sql`${column} ${direction}, ${id} ${direction}`, direction };
}
