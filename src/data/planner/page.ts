// A connection's page: its arguments checked (sizes, cursors of this very ordering) before any
// SQL, and the Relay connection built from the rows read for it, cursors encoded only when a
// client selects them.
import { parseCursorConnectionArgs } from "@pothos/core";
import { badUserInput } from "../../graphql/errors.ts";
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checkPageSize } from "../../graphql/pagination.ts";
import { type Order, type SortValue, sortValuesOf } from "./order.ts";

export interface PageSizes {
  defaultSize?: number;
  maxSize?: number;
}

export interface Page {
  order: Order;
  /** Sort values of the cursors, one per key of the ordering. */
  after?: readonly SortValue[];
  before?: readonly SortValue[];
  /** Rows to read: one more than the page, to learn whether another follows. */
  limit: number;
  /** Reading backwards (`last`): rows come in reverse order. */
  inverted: boolean;
  expectedSize: number;
  hasPreviousPage: (rows: number) => boolean;
  hasNextPage: (rows: number) => boolean;
}

export function encodeCursor(order: Order, values: readonly SortValue[]): string {
  return Buffer.from(JSON.stringify([order.name, ...values])).toString("base64url");
}

/** The sort values of a cursor issued for `order`; anything else is BAD_USER_INPUT naming `field`. */
export function decodeCursor(raw: string, order: Order, field: string): SortValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === order.keys.length + 1 &&
    parsed[0] === order.name &&
    parsed.slice(1).every((value, i) => validSortValue(value, order.keys[i]!.nullable === true, i === order.keys.length - 1));
  if (!valid) throw badUserInput(`"${field}" is not a valid cursor for this list and ordering`, field);
  return (parsed as unknown[]).slice(1) as SortValue[];
}

function validSortValue(value: unknown, nullable: boolean, isKey: boolean): boolean {
  if (value === null) return nullable;
  if (isKey) return Number.isSafeInteger(value);
  return typeof value === "string" ? value.length <= 1000 && !value.includes("\0") : typeof value === "number" ? Number.isFinite(value) : typeof value === "boolean";
}

/** The page the arguments ask for, checked; throws BAD_USER_INPUT before any SQL. */
export function pageOf(args: ConnectionArgs, order: Order, sizes: PageSizes = {}): Page {
  const maxSize = sizes.maxSize ?? MAX_PAGE_SIZE;
  checkPageSize(args, maxSize);
  const parsed = parseCursorConnectionArgs({ args, defaultSize: sizes.defaultSize ?? DEFAULT_PAGE_SIZE, maxSize });
  return {
    order,
    after: parsed.after ? decodeCursor(parsed.after, order, "after") : undefined,
    before: parsed.before ? decodeCursor(parsed.before, order, "before") : undefined,
    limit: parsed.limit,
    inverted: parsed.inverted,
    expectedSize: parsed.expectedSize,
    hasPreviousPage: parsed.hasPreviousPage,
    hasNextPage: parsed.hasNextPage,
  };
}

/** An edge whose cursor is encoded only when read. */
class Edge<Row extends object> {
  constructor(
    readonly node: Row,
    private readonly order: Order,
  ) {}
  get cursor(): string {
    return encodeCursor(this.order, sortValuesOf(this.order, this.node as Record<string, unknown>));
  }
}

/** The Relay connection of the rows read for `page` (in reading order, one more than the page at most). */
export function connectionOf<Row extends object>(
  page: Page,
  rows: readonly Row[],
  args: ConnectionArgs,
  totalCount: number | (() => Promise<number>),
) {
  const items = rows.slice(0, page.expectedSize);
  if (page.inverted) items.reverse();
  const edges = items.map((row) => new Edge(row, page.order));
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
      hasPreviousPage: page.hasPreviousPage(rows.length),
      hasNextPage: page.hasNextPage(rows.length),
    },
    totalCount,
  };
}
