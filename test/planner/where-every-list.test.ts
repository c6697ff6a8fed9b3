// `where` on every root list, walking the schema: for each root connection of stored rows, every
// row is read plainly (paging through the whole list), then generated conditions (seeded:
// WHERE_SEED, WHERE_LIST_CASES) on its column fields — each operator its filter input offers,
// with values the rows hold — in and/or/not are answered by the gateway and by an evaluator
// applying SQL's three-valued logic to those rows. A new list, column or operator is covered
// without a line here.
import { type GraphQLInputObjectType, getNamedType, isEnumType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { schema } from "../../src/app/schema.ts";
import { prisma } from "../../src/data/db.ts";
import { type ColumnField, columnsOf } from "../../src/data/planner/queries/fields.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { counted } from "../counted.ts";
import {
  MOST_ROWS,
  type RootList,
  type Row,
  allRows,
  columnValue,
  data,
  rootLists,
  textInCodePointOrder,
} from "./root-lists.ts";
import { type Random, prng } from "./generator.ts";
import { type Truth, type Value, and, compareValue, not, or } from "./sql-logic.ts";

const SEED = Number(process.env.WHERE_SEED ?? 20261203);
const CASES = Number(process.env.WHERE_LIST_CASES ?? 150);

type Where = Record<string, unknown>;

/** A root list's column fields, how to select each and where its value sits in a row. */
interface List extends RootList {
  columns: {
    column: ColumnField;
    operators: string[];
    read: (row: Row) => Value;
    where: (filter: Where) => Where;
  }[];
}

function listOf(list: RootList, orderedText: boolean): List {
  const { type } = list;
  const whereType = schema.getType(`${type.name}Where`) as GraphQLInputObjectType;
  const operatorsOf = (input: unknown) =>
    Object.keys((getNamedType(input as never) as unknown as GraphQLInputObjectType).getFields());
  const columns = columnsOf(type).map((column) => {
    const embedded = column.embedded;
    const filterType = embedded
      ? (getNamedType(whereType.getFields()[embedded.field]!.type) as GraphQLInputObjectType).getFields()[
          embedded.inner
        ]!.type
      : whereType.getFields()[column.name]!.type;
    // Text is compared by order only in code-point order (the test databases' collation).
    const operators = operatorsOf(filterType).filter(
      (operator) => orderedText || !(column.type.name === "String" && ["lt", "lte", "gt", "gte"].includes(operator)),
    );
    return {
      column,
      operators,
      read: (row: Row) => columnValue(row, column) as Value,
      where: (filter: Where): Where =>
        embedded ? { [embedded.field]: { [embedded.inner]: filter } } : { [column.name]: filter },
    };
  });
  return { ...list, columns };
}

/** Conditions on the list's columns, with values its rows hold. */
function generator(random: Random, list: List, rows: Row[]) {
  const leaf = (): { where: Where; meets: (row: Row) => Truth } => {
    const { column, operators, read, where } = random.pick(list.columns);
    const operator = random.pick(operators);
    const values = rows.map(read).filter((value) => value !== null);
    const pick = () => (values.length ? random.pick(values) : column.type.name === "Int" ? 1 : "x");
    let operand: unknown;
    if (operator === "isNull") operand = random.chance(0.5);
    else if (operator === "in" || operator === "notIn") operand = [...new Set([pick(), pick()])];
    else if (operator === "contains" || operator === "startsWith") {
      const text = String(pick());
      const from = operator === "startsWith" ? 0 : random.int(0, Math.max(0, text.length - 1));
      operand = text.slice(from, from + random.int(1, 5));
      if (random.chance(0.5)) operand = (operand as string).toUpperCase();
    } else operand = pick();
    if (isEnumType(column.type) && typeof operand === "string" && !column.type.getValue(operand)) operand = null;
    return {
      where: where({ [operator]: operand }),
      meets: (row) => compareValue(read(row), operator, operand),
    };
  };
  const node = (depth: number): { where: Where; meets: (row: Row) => Truth } => {
    if (depth >= 2 || random.chance(0.45)) return leaf();
    const kind = random.pick(["and", "or", "not"]);
    if (kind === "not") {
      const inner = node(depth + 1);
      return {
        where: { not: inner.where },
        meets: (row) => not(inner.meets(row)),
      };
    }
    const items = Array.from({ length: random.int(1, 3) }, () => node(depth + 1));
    return {
      where: { [kind]: items.map((item) => item.where) },
      meets: (row) => (kind === "and" ? and : or)(items.map((item) => item.meets(row))),
    };
  };
  return () => node(0);
}

const lists = rootLists();
let orderedText = false;

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
  orderedText = await textInCodePointOrder();
}, 120_000);

describe("generated where conditions on every root list answer exactly the rows SQL's logic keeps", () => {
  test.each(
    counted(
      lists.map((list) => [list.name, list] as const),
      { atLeast: 9 },
    ),
  )(`%s (seed ${SEED})`, { timeout: 300_000 }, async (_name, root) => {
    const list = listOf(root, orderedText);
    const rows = await allRows(list);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(MOST_ROWS);
    expect(list.columns.length).toBeGreaterThan(2);
    const next = generator(prng(SEED + list.name.length), list, rows);
    const whereType = `${list.type.name}Where`;
    let discriminating = 0;
    for (let i = 0; i < CASES; i++) {
      const { where, meets } = next();
      const expected = rows.filter((row) => meets(row) === true).map((row) => row.id as string);
      if (expected.length > 0 && expected.length < rows.length) discriminating++;
      const found = (
        await data<Record<string, { totalCount: number; edges: { node: { id: string } }[] }>>(
          `query ($where: ${whereType}) { ${list.name}(first: ${list.pageSize}, where: $where) { totalCount
              edges { node { id } } } }`,
          { where },
        )
      )[list.name]!;
      expect({ case: i, where, count: found.totalCount }).toEqual({ case: i, where, count: expected.length });
      if (expected.length <= list.pageSize)
        expect({ case: i, where, ids: found.edges.map((edge) => edge.node.id).sort() }).toEqual({
          case: i,
          where,
          ids: expected.sort(),
        });
    }
    expect(discriminating).toBeGreaterThan(CASES / 4);
  });
});
