// A connection's page: its arguments checked (sizes, cursors of this very ordering) before any
// SQL, and the Relay connection built from the rows read for it, cursors encoded only when a
// client selects them.
import { parseCursorConnectionArgs } from "@pothos/core";
import { seal, unseal } from "../../graphql/cursor-sealing.ts";
import { badUserInput } from "../../graphql/errors.ts";
import { type ConnectionArgs, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, checkPageSize } from "../../graphql/pagination.ts";
import { type Order, type SortKey, type SortValue, sortValuesOf } from "./order.ts";

export interface PageSizes {
  defaultSize?: number;
  maxSize?: number;
}

export interface Page {
  /** The connection field the page belongs to, e.g. "Query.batches": its cursors are valid there only. */
  list: string;
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

/** A cursor is sealed (src/graphql/cursor-sealing.ts) for the one list and ordering that issued it. */
const contextOf = (list: string, order: Order) => `${list} ${order.name}`;

export function encodeCursor(list: string, order: Order, values: readonly SortValue[]): string {
  return seal(contextOf(list, order), JSON.stringify(values));
}

/** The sort values of a cursor issued for `list` and `order`; anything else is BAD_USER_INPUT naming `field`. */
export function decodeCursor(raw: string, list: string, order: Order, field: string): SortValue[] {
  const content = unseal(contextOf(list, order), raw);
  let parsed: unknown;
  try {
    parsed = content === undefined ? undefined : JSON.parse(content);
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === order.keys.length &&
    parsed.every((value, i) => fits(value, order.keys[i]!));
  if (!valid) throw badUserInput(`"${field}" is not a valid cursor for this list and ordering`, field);
  return parsed as SortValue[];
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Whether a decoded value has its key's type (a cursor sealed under an older ordering might not). */
function fits(value: unknown, key: SortKey): boolean {
  if (value === null) return key.nullable === true;
  if (key.type === "key") return Number.isSafeInteger(value);
  if (key.type === "timestamp")
    return typeof value === "string" && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value));
  return (
    typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))
  );
}

/** The page the arguments ask for, checked; throws BAD_USER_INPUT before any SQL. */
export function pageOf(list: string, args: ConnectionArgs, order: Order, sizes: PageSizes = {}): Page {
  const maxSize = sizes.maxSize ?? MAX_PAGE_SIZE;
  checkPageSize(args, maxSize);
  const parsed = parseCursorConnectionArgs({ args, defaultSize: sizes.defaultSize ?? DEFAULT_PAGE_SIZE, maxSize });
  return {
    list,
    order,
    after: parsed.after ? decodeCursor(parsed.after, list, order, "after") : undefined,
    before: parsed.before ? decodeCursor(parsed.before, list, order, "before") : undefined,
    limit: parsed.limit,
    inverted: parsed.inverted,
    expectedSize: parsed.expectedSize,
    hasPreviousPage: parsed.hasPreviousPage,
    hasNextPage: parsed.hasNextPage,
  };
}

/** A list read whole (at most `limit` rows), without cursors. */
export function wholeList(order: Order, limit: number): Page {
  return {
    list: "",
    order,
    limit,
    inverted: false,
    expectedSize: limit,
    hasNextPage: () => false,
    hasPreviousPage: () => false,
  };
}

/** An edge whose cursor is encoded only when read. */
class Edge<Row extends object> {
  constructor(
    readonly node: Row,
    private readonly page: Page,
  ) {}
  get cursor(): string {
    const { list, order } = this.page;
    return encodeCursor(list, order, sortValuesOf(order, this.node as Record<string, unknown>));
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
  const edges = items.map((row) => new Edge(row, page));
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
