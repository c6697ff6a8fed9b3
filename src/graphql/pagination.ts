// Relay connections over keyset pagination: cursors are opaque base64url JSON of the sort
// key and the id, checked on the way in; page sizes are checked before any SQL runs.
import { parseCursorConnectionArgs } from "@pothos/core";
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

/** A decoded cursor: the ordering it was issued for, and that row's sort value and id. */
export interface Cursor {
  order: string;
  value: CursorValue;
  id: number;
}

export function checkPageSize(args: ConnectionArgs, max = MAX_PAGE_SIZE): void {
  for (const name of ["first", "last"] as const) {
    const size = args[name];
    if (size == null) continue;
    if (size < 0) throw badUserInput(`"${name}" must not be negative`, name);
    if (size > max) throw badUserInput(`"${name}" must be at most ${max}, got ${size}`, name);
  }
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.value, cursor.id])).toString("base64url");
}

export function decodeCursor(raw: string, order: string, field: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== order ||
    !["string", "number"].includes(typeof parsed[1]) && parsed[1] !== null ||
    !Number.isSafeInteger(parsed[2])
  ) {
    throw badUserInput(`"${field}" is not a valid cursor for this list and ordering`, field);
  }
  return { order, value: parsed[1] as CursorValue, id: parsed[2] as number };
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
  order: string;
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
export function pageRequestOf(args: ConnectionArgs, order: string, options: { defaultSize?: number; maxSize?: number } = {}) {
  const maxSize = options.maxSize ?? MAX_PAGE_SIZE;
  checkPageSize(args, maxSize);
  const { before, after, limit, inverted, expectedSize, hasPreviousPage, hasNextPage } = parseCursorConnectionArgs({
    args,
    defaultSize: options.defaultSize ?? DEFAULT_PAGE_SIZE,
    maxSize,
  });
  const page: PageRequest = {
    after: after ? decodeCursor(after, order, "after") : undefined,
    before: before ? decodeCursor(before, order, "before") : undefined,
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
  const cursorOf = (row: T) => encodeCursor({ order: options.order, value: options.sortValue(row), id: options.id(row) });
  const { page: request, expectedSize, hasPreviousPage, hasNextPage } = pageRequestOf(args, options.order, options);
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
