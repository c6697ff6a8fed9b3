// aggregate on every root list, walking the schema: each list is read whole (with the id of each
// to-one relation), then grouped by each key its groupBy offers — enums, flags, dates by day in
// UTC, relations — and by random pairs of them, and its min, max, sum and avg taken over each
// field that has them; every group's count and every figure must equal what this file makes
// from the rows themselves.
import { isEnumType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { type GroupKey, groupable, numericColumns } from "../../src/data/planner/queries/aggregate-fields.ts";
import { columnsOf, constantCase, relationsOf } from "../../src/data/planner/queries/fields.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import { type Row, allRows, columnValue, data, rootListCases } from "./root-lists.ts";

const SEED = Number(process.env.AGGREGATE_SEED ?? 20261205);

/** A row's value for a group key, as the group's keys show it. */
function keyValue(row: Row, key: GroupKey): unknown {
  if (key.relation) return (row[key.relation.name] as { id: string } | null)?.id ?? null;
  const value = columnValue(row, key.column!);
  // By day in UTC: the day's start.
  return key.date && value !== null ? `${(value as string).slice(0, 10)}T00:00:00.000Z` : value;
}

const keySelection = (key: GroupKey) => (key.relation ? `${key.name} { id }` : key.name);
const keyOf = (keys: Record<string, unknown>, key: GroupKey) =>
  key.relation ? ((keys[key.name] as { id: string } | null)?.id ?? null) : keys[key.name];

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
}, 120_000);

describe("every root list's aggregate equals the figures made from its rows", () => {
  test.each(counted(rootListCases(), { atLeast: 9 }))(
    `%s (seed ${SEED})`,
    { timeout: 300_000 },
    async (_name, list) => {
      const relations = relationsOf(list.type)
        .map((relation) => `${relation.name} { id }`)
        .join(" ");
      const rows = await allRows(list, relations);
      expect(rows.length).toBeGreaterThan(0);
      const keys = groupable(list.type);
      const random = prng(SEED + list.name.length);
      const groupings = [
        ...keys.map((key) => [key]),
        ...Array.from({ length: Math.min(5, keys.length) }, () => [random.pick(keys), random.pick(keys)]).filter(
          ([a, b]) => a !== b,
        ),
      ];
      for (const grouping of counted(groupings, { atLeast: 1 })) {
        const by = grouping.map((key) => constantCase(key.name)).join(", ");
        const selection = grouping.map(keySelection).join(" ");
        const found = (
          await data<
            Record<
              string,
              { aggregate: { count: number; groupBy: { keys: Record<string, unknown>; count: number }[] } }
            >
          >(
            `{ ${list.name}(first: 0) { aggregate { count groupBy(by: [${by}], first: 1000, bucket: DAY, timeZone: "UTC") {
              keys { ${selection} } count } } } }`,
          )
        )[list.name]!.aggregate;
        const expected = new Map<string, number>();
        for (const row of rows) {
          const at = JSON.stringify(grouping.map((key) => keyValue(row, key)));
          expected.set(at, (expected.get(at) ?? 0) + 1);
        }
        const groups = new Map(
          found.groupBy.map((group) => [JSON.stringify(grouping.map((key) => keyOf(group.keys, key))), group.count]),
        );
        expect({ list: list.name, by, count: found.count, groups }).toEqual({
          list: list.name,
          by,
          count: rows.length,
          groups: expected,
        });
      }
      // min and max of every ordered non-text field, sum and avg of every numeric one.
      const valued = columnsOf(list.type).filter(
        (c) => !c.isId && !isEnumType(c.type) && !["Boolean", "String"].includes(c.type.name) && !c.embedded,
      );
      const numeric = numericColumns(list.type).filter((c) => !c.embedded);
      if (!valued.length) return;
      const figures = (
        await data<Record<string, { aggregate: Record<string, Record<string, number | string | null>> }>>(
          `{ ${list.name}(first: 0) { aggregate { min { ${valued.map((c) => c.name).join(" ")} }
            max { ${valued.map((c) => c.name).join(" ")} }
            ${numeric.length ? `sum { ${numeric.map((c) => c.name).join(" ")} } avg { ${numeric.map((c) => c.name).join(" ")} }` : ""} } } }`,
        )
      )[list.name]!.aggregate;
      for (const column of counted(valued, { atLeast: 1 })) {
        const values = rows.map((row) => columnValue(row, column)).filter((v) => v !== null) as (string | number)[];
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect({ column: column.name, min: figures.min![column.name], max: figures.max![column.name] }).toEqual({
          column: column.name,
          min: sorted[0] ?? null,
          max: sorted.at(-1) ?? null,
        });
      }
      // may be empty: a list whose rows hold no number has no sum or avg.
      for (const column of numeric) {
        const values = rows.map((row) => columnValue(row, column)).filter((v) => v !== null) as number[];
        const total = values.reduce((sum, n) => sum + n, 0);
        expect(figures.sum![column.name]).toBe(values.length ? total : null);
        if (values.length) expect(figures.avg![column.name]).toBeCloseTo(total / values.length, 9);
        else expect(figures.avg![column.name]).toBeNull();
      }
    },
  );
});
