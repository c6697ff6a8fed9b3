// orderBy and keyset cursors on every root list, walking the schema: each list is read whole,
// then generated orderings (seeded: ORDER_SEED, ORDER_LIST_CASES) of one to three of its column
// fields, each direction, are walked page by page — forwards with first/after or backwards with
// last/before, in random page sizes — and must visit every row once, in the order PostgreSQL
// gives (list-references.ts: NULLs last ascending, enums in declared order, false before true,
// text by code point as the test databases order it), ties broken by id in the last field's
// direction.
import { beforeAll, describe, expect, test } from "vitest";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import { type DatabaseOrder, seededDatabase, orderableColumns, randomOrdering } from "./list-references.ts";
import { allRows, data, rootListCases } from "./root-lists.ts";
import { walkPages } from "./walk-pages.ts";

const SEED = Number(process.env.ORDER_SEED ?? 20261204);
const CASES = Number(process.env.ORDER_LIST_CASES ?? 25);

let database: DatabaseOrder;

beforeAll(async () => {
  database = await seededDatabase();
  expect(database.enums.size).toBeGreaterThan(3);
}, 120_000);

describe("generated orderings of every root list page through every row once, in the reference order", () => {
  test.each(counted(rootListCases(), { atLeast: 9 }))(
    `%s (seed ${SEED})`,
    { timeout: 300_000 },
    async (_name, list) => {
      const rows = await allRows(list);
      expect(rows.length).toBeGreaterThan(0);
      expect(orderableColumns(list.type, database).length).toBeGreaterThan(1);
      const random = prng(SEED + list.name.length);
      for (let i = 0; i < CASES; i++) {
        const { orderBy, sorted } = randomOrdering(random, list.type, database);
        // Pages sized so a walk takes a few to some twenty pages.
        const size = Math.min(list.pageSize, random.int(Math.ceil(rows.length / 20), Math.ceil(rows.length / 3)));
        const backwards = random.chance(0.5);
        const found = await walkPages(
          rows.length,
          size,
          backwards,
          async (page) =>
            (
              await data<Record<string, never>>(
                `query ($first: Int, $last: Int, $after: String, $before: String, $orderBy: [${list.type.name}Order!]) {
                ${list.name}(first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy) {
                  edges { node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage } } }`,
                { ...page, orderBy },
              )
            )[list.name],
        );
        expect({ case: i, orderBy, size, backwards, found }).toEqual({
          case: i,
          orderBy,
          size,
          backwards,
          found: sorted(rows),
        });
      }
    },
  );
});
