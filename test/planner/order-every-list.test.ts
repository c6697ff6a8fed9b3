// orderBy and keyset cursors on every root list, walking the schema: each list is read whole,
// then generated orderings (seeded: ORDER_SEED, ORDER_LIST_CASES) of one to three of its
// orderable column fields, each direction, are walked page by page — forwards with first/after
// or backwards with last/before, in random page sizes — and must visit every row once, in the
// order a sort in this file gives: PostgreSQL's (missing values last ascending, first
// descending; enums in their declared order; false before true), ties broken by id in the last
// field's direction; text in code-point order, the test databases' collation (left out under another).
import { describe, expect, test } from "vitest";
import { beforeAll } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { type ColumnField, columnsOf, constantCase, tableOf } from "../../src/data/planner/queries/fields.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import { compareSorted } from "./sql-logic.ts";
import { type RootList, type Row, allRows, columnValue, data, rootLists, textInCodePointOrder } from "./root-lists.ts";

const SEED = Number(process.env.ORDER_SEED ?? 20261204);
const CASES = Number(process.env.ORDER_LIST_CASES ?? 25);

type Direction = "ASC" | "DESC";
type Sortable = string | number | null;

const rowId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":").at(-1));

/** Each enum's values in their declared order (PostgreSQL sorts an enum so). */
const enumOrders = new Map<string, string[]>();
let orderedText = false;

/** A column's value as PostgreSQL sorts it. */
function sortable(list: RootList, column: ColumnField, row: Row): Sortable {
  const value = columnValue(row, column);
  if (value === null) return null;
  if (column.isId) return rowId(value as string);
  if (typeof value === "boolean") return value ? 1 : 0;
  const enumType = tableOf(list.type).enums[column.column];
  return enumType ? enumOrders.get(enumType)!.indexOf(value as string) : (value as string | number);
}

type Page = {
  edges: { node: { id: string } }[];
  pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
};

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
  const enums = await prisma.$queryRaw<{ type: string; label: string }[]>`SELECT t.typname AS type, e.enumlabel AS label
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`;
  for (const { type, label } of enums) enumOrders.set(type, [...(enumOrders.get(type) ?? []), label]);
  expect(enumOrders.size).toBeGreaterThan(3);
  orderedText = await textInCodePointOrder();
}, 120_000);

describe("generated orderings of every root list page through every row once, in the reference order", () => {
  test.each(
    counted(
      rootLists().map((list) => [list.name, list] as const),
      { atLeast: 9 },
    ),
  )(`%s (seed ${SEED})`, { timeout: 300_000 }, async (_name, list) => {
    const rows = await allRows(list);
    expect(rows.length).toBeGreaterThan(0);
    const columns = columnsOf(list.type).filter((column) => orderedText || column.type.name !== "String");
    expect(columns.length).toBeGreaterThan(1);
    const random = prng(SEED + list.name.length);
    const orderType = `${list.type.name}Order`;
    for (let i = 0; i < CASES; i++) {
      const keys = [...columns].sort(() => random.next() - 0.5).slice(0, random.int(1, 3));
      const orderBy = keys.map((column) => ({
        field: constantCase(column.name),
        direction: random.pick<Direction>(["ASC", "DESC"]),
      }));
      const last = orderBy.at(-1)!.direction;
      const expected = [...rows]
        .sort((a, b) => {
          for (const [k, column] of keys.entries()) {
            const by = compareSorted(sortable(list, column, a), sortable(list, column, b), orderBy[k]!.direction);
            if (by) return by;
          }
          return compareSorted(rowId(a.id as string), rowId(b.id as string), last);
        })
        .map((row) => row.id);
      // Pages sized so a walk takes a few to some twenty pages.
      const size = Math.min(list.pageSize, random.int(Math.ceil(rows.length / 20), Math.ceil(rows.length / 3)));
      const backwards = random.chance(0.5);
      const found: unknown[] = [];
      let cursor: string | undefined;
      for (let pages = 0; ; pages++) {
        expect(pages).toBeLessThan(rows.length + 2);
        const page = (
          await data<Record<string, Page>>(
            `query ($first: Int, $last: Int, $after: String, $before: String, $orderBy: [${orderType}!]) {
                ${list.name}(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
                  edges { node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`,
            backwards ? { last: size, before: cursor, orderBy } : { first: size, after: cursor, orderBy },
          )
        )[list.name]!;
        const ids = page.edges.map((edge) => edge.node.id);
        if (backwards) found.unshift(...ids);
        else found.push(...ids);
        if (!(backwards ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage)) break;
        cursor = backwards ? page.pageInfo.startCursor : page.pageInfo.endCursor;
      }
      expect({ case: i, orderBy, size, backwards, found }).toEqual({
        case: i,
        orderBy,
        size,
        backwards,
        found: expected,
      });
    }
  });
});
