// `where` on every root list, walking the schema: for each root connection of stored rows, every
// row is read plainly (paging through the whole list), then generated conditions (seeded:
// WHERE_SEED, WHERE_LIST_CASES) on its column fields — each operator its filter input offers,
// with values the rows hold — in and/or/not are answered by the gateway and by an evaluator
// applying SQL's three-valued logic to those rows (list-references.ts). A new list, column or
// operator is covered without a line here.
import { beforeAll, describe, expect, test } from "vitest";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import { type DatabaseOrder, seededDatabase, whereGenerator, expectFiltered } from "./list-references.ts";
import { MOST_ROWS, allRows, data, rootListCases } from "./root-lists.ts";

const SEED = Number(process.env.WHERE_SEED ?? 20261203);
const CASES = Number(process.env.WHERE_LIST_CASES ?? 150);

let database: DatabaseOrder;

beforeAll(async () => {
  database = await seededDatabase();
}, 120_000);

describe("generated where conditions on every root list answer exactly the rows SQL's logic keeps", () => {
  test.each(counted(rootListCases(), { atLeast: 9 }))(
    `%s (seed ${SEED})`,
    { timeout: 300_000 },
    async (_name, list) => {
      const rows = await allRows(list);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.length).toBeLessThan(MOST_ROWS);
      const conditions = whereGenerator(prng(SEED + list.name.length), list.type, rows, database);
      expect(conditions.columns).toBeGreaterThan(2);
      let discriminating = 0;
      for (let i = 0; i < CASES; i++) {
        const { where, meets } = conditions.next();
        const expected = rows.filter((row) => meets(row) === true).map((row) => row.id as string);
        if (expected.length > 0 && expected.length < rows.length) discriminating++;
        const found = (
          await data<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
            `query ($where: ${list.type.name}Where) { ${list.name}(first: ${list.pageSize}, where: $where) {
              totalCount edges { node { id } } } }`,
            { where },
          )
        )[list.name]!;
        expectFiltered({ case: i, where }, found, expected, list.pageSize);
      }
      expect(discriminating).toBeGreaterThan(CASES / 4);
    },
  );
});
