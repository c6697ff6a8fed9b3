// Relay connections over keyset pagination: page sizes are checked before any SQL runs; cursors
// are opaque — the row's sort value and id, sealed (cursor-sealing.ts) for the one list and
// ordering that issued them, and checked on the way in.
import { parseCursorConnectionArgs } from "@pothos/core";
import type { GraphQLResolveInfo } from "graphql";
import { seal, unseal } from "./cursor-sealing.ts";
import { badUserInput } from "./errors.ts";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Longest cursor accepted: room for a 200-character sort value, escaped and base64-encoded. */
export const MAX_CURSOR_LENGTH = 2_000;

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

export type CursorValue = string | number | null;

/** The type of a list's sort values as its cursors carry them (timestamps as ISO text). */
export type SortValueType = "integer" | "text" | "timestamp";

/** A list and how it is ordered: a cursor is valid for the one ordering of the one list that issued it. */
export interface Ordering {
  /** The connection field, e.g. "Query.batches" or "Batch.cycles" (`listOf(info)`). */
  list: string;
  /** The sort, e.g. "label:asc". */
  order: string;
  valueType: SortValueType;
  /** Whether rows may have no sort value (NULL). */
  nullable?: boolean;
}

/** A decoded cursor: that row's sort value and id. */
export interface Cursor {
  value: CursorValue;
  id: number;
}

/** The list a connection field's resolver serves, as cursors name it. */
export const listOf = (info: Pick<GraphQLResolveInfo, "parentType" | "fieldName">) =>
  `${info.parentType.name}.${info.fieldName}`;

const contextOf = (ordering: Ordering) => `${ordering.list} ${ordering.order}`;

export function checkPageSize(args: ConnectionArgs, max = MAX_PAGE_SIZE): void {
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (size == null) continue;
    if (size < 0) throw badUserInput(`"${name}" must not be negative`, name);
    if (size > max) throw badUserInput(`"${name}" must be at most ${max}, got ${size}`, name);
  }
}

export function encodeCursor(ordering: Ordering, cursor: Cursor): string {
  return seal(contextOf(ordering), JSON.stringify([cursor.value, cursor.id]));
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Whether a decoded sort value has the ordering's type (a cursor sealed by an older ordering might not). */
function fitsOrdering(value: unknown, ordering: Ordering): value is CursorValue {
  if (value === null) return ordering.nullable === true;
  if (ordering.valueType === "integer") return Number.isSafeInteger(value);
  if (ordering.valueType === "text") return typeof value === "string";
  return typeof value === "string" && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
}

export function decodeCursor(raw: string, ordering: Ordering, field: string): Cursor {
  const content = unseal(contextOf(ordering), raw);
  let parsed: unknown;
  try {
    parsed = content === undefined ? undefined : JSON.parse(content);
  } catch {
    parsed = undefined;
  }
  const pair = Array.isArray(parsed) && parsed.length === 2 ? (parsed as unknown[]) : undefined;
  if (!pair || !fitsOrdering(pair[0], ordering) || !Number.isSafeInteger(pair[1])) {
    throw badUserInput(`"${field}" is not a valid cursor for this list and ordering`, field);
  }
  return { value: pair[0], id: pair[1] as number };
}

export interface PageRequest {
  after?: Cursor;
  before?: Cursor;
  /** Rows to fetch (one more than the page, to learn whether another page exists). */
  limit: number;
  /** True when walking backwards (`last`/`before`): fetch in reverse order. */
  inverted: boolean;
}

export interface ConnectionOptions<T> {
  ordering: Ordering;
  /** The row's sort value as stored in its cursor. */
  sortValue: (row: T) => CursorValue;
  id: (row: T) => number;
  /** Counted only when the client asks for totalCount (or already known). */
  totalCount: number | (() => Promise<number>);
  defaultSize?: number;
  maxSize?: number;
}

/**
 * An edge whose cursor is encoded only when asked for: a page of 50 batches with 10 cycles each
 * has 550 edges, and most queries select no cursor but pageInfo's.
 */
class LazyEdge<T> {
  constructor(
    readonly node: T,
    private readonly cursorOf: (row: T) => string,
  ) {}
  get cursor(): string {
    return this.cursorOf(this.node);
  }
}

/** What a page's arguments ask for: checked, with its cursors decoded. */
export function pageRequestOf(
  args: ConnectionArgs,
  ordering: Ordering,
  options: { defaultSize?: number; maxSize?: number } = {},
) {
  const maxSize = options.maxSize ?? MAX_PAGE_SIZE;
  checkPageSize(args, maxSize);
  const { before, after, limit, inverted, expectedSize, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({
    args,
    defaultSize: options.defaultSize ?? DEFAULT_PAGE_SIZE,
    maxSize,
  });
  const page: PageRequest = {
    after: after ? decodeCursor(after, ordering, "after") : undefined,
    before: before ? decodeCursor(before, ordering, "before") : undefined,
    limit,
    inverted,
  };
  return { page, expectedSize, hasPreviousPage, hasNextPage };
}

/**
 * Resolves a connection whose rows `fetch` reads with a keyset (WHERE key > cursor LIMIT n);
 * synchronously when `fetch` has the rows at hand (read ahead), so no promise is made.
 */
export function keysetConnection<T>(
  args: ConnectionArgs,
  fetch: (page: PageRequest) => T[] | Promise<T[]>,
  options: ConnectionOptions<T>,
) {
  const cursorOf = (row: T) => encodeCursor(options.ordering, { value: options.sortValue(row), id: options.id(row) });
  const { page: request, expectedSize, hasPreviousPage, hasNextPage } = pageRequestOf(args, options.ordering, options);
  const connectionOf = (rows: T[]) => {
    const page = rows.slice(0, expectedSize);
    if (request.inverted) page.reverse();
    const edges = page.map((row) => new LazyEdge(row, cursorOf));
    // An empty page keeps the cursor it was asked from, as Pothos' resolveCursorConnection does.
    const given = args.after ?? args.before ?? "";
    return {
      edges,
      pageInfo: {
        get startCursor() {
          return edges.length ? edges[0]!.cursor : given;
        },
        get endCursor() {
          return edges.length ? edges[edges.length - 1]!.cursor : given;
        },
        hasPreviousPage: hasPreviousPage(rows.length),
        hasNextPage: hasNextPage(rows.length),
      },
      totalCount: options.totalCount,
    };
  };
  const rows = fetch(request);
  return Array.isArray(rows) ? connectionOf(rows) : rows.then(connectionOf);
}
