// References for the generated list tests: random `where` conditions on a type's column fields
// (each operator its filter input offers, values the rows hold) with SQL's three-valued logic to
// apply them to rows, and random orderings with the order PostgreSQL gives them — enums in their
// declared order, false before true, NULLs last ascending, text by code point when the database
// orders it so — ties broken by id in the last field's direction.
import { type GraphQLInputObjectType, type GraphQLObjectType, getNamedType, isEnumType } from "graphql";
import { expect } from "vitest";
import { schema } from "../../src/app/schema.ts";
import { prisma } from "../../src/data/db.ts";
import { type ColumnField, columnsOf, constantCase, tableOf } from "../../src/data/planner/queries/fields.ts";
import type { Random } from "./generator.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { type Row, columnValue, textInCodePointOrder } from "./root-lists.ts";
import { type Truth, type Value, and, compareSorted, compareValue, not, or } from "./sql-logic.ts";

export type Where = Record<string, unknown>;

export interface Condition {
  where: Where;
  meets: (row: Row) => Truth;
}

/** What the database can do that the references must know: its text order and enum orders. */
export interface DatabaseOrder {
  /** Text compares by code point (`lt`, `gt` and orderBy on text are generated only then). */
  textByCodePoint: boolean;
  /** Each enum type's values in their declared order. */
  enums: Map<string, string[]>;
}

/** The demo data seeded (scale 1) into the test's database, and that database's order. */
export async function seededDatabase(): Promise<DatabaseOrder> {
  await seedDemoData(prisma, { scale: 1 });
  return databaseOrder(await textInCodePointOrder());
}

export async function databaseOrder(textByCodePoint: boolean): Promise<DatabaseOrder> {
  const rows = await prisma.$queryRaw<{ type: string; label: string }[]>`SELECT t.typname AS type, e.enumlabel AS label
    FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY t.typname, e.enumsortorder`;
  const enums = new Map<string, string[]>();
  for (const { type, label } of rows) enums.set(type, [...(enums.get(type) ?? []), label]);
  return { textByCodePoint, enums };
}

const isOrderOperator = (operator: string) => ["lt", "lte", "gt", "gte"].includes(operator);

/** Random conditions on `type`'s column fields, nested in and/or/not, with values `rows` hold. */
export function whereGenerator(random: Random, type: GraphQLObjectType, rows: Row[], database: DatabaseOrder) {
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
    const operators = operatorsOf(filterType).filter(
      (operator) => database.textByCodePoint || !(column.type.name === "String" && isOrderOperator(operator)),
    );
    return {
      column,
      operators,
      read: (row: Row) => columnValue(row, column) as Value,
      where: (filter: Where): Where =>
        embedded ? { [embedded.field]: { [embedded.inner]: filter } } : { [column.name]: filter },
    };
  });
  const leaf = (): Condition => {
    const { column, operators, read, where } = random.pick(columns);
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
    return { where: where({ [operator]: operand }), meets: (row) => compareValue(read(row), operator, operand) };
  };
  const node = (depth: number): Condition => {
    if (depth >= 2 || random.chance(0.45)) return leaf();
    const kind = random.pick(["and", "or", "not"]);
    if (kind === "not") {
      const inner = node(depth + 1);
      return { where: { not: inner.where }, meets: (row) => not(inner.meets(row)) };
    }
    const items = Array.from({ length: random.int(1, 3) }, () => node(depth + 1));
    return {
      where: { [kind]: items.map((item) => item.where) },
      meets: (row) => (kind === "and" ? and : or)(items.map((item) => item.meets(row))),
    };
  };
  return { columns: columns.length, next: () => node(0) };
}

/** A filtered page read with the largest page size: its count, and (when they fit) its rows, are the expected ones. */
export function expectFiltered(
  at: { case: number; where: Where },
  found: { totalCount: number; edges: { node: { id: string } }[] },
  expected: string[],
  pageSize: number,
): void {
  expect({ ...at, count: found.totalCount }).toEqual({ ...at, count: expected.length });
  if (expected.length <= pageSize)
    expect({ ...at, ids: found.edges.map((edge) => edge.node.id).sort() }).toEqual({
      ...at,
      ids: [...expected].sort(),
    });
}

type Direction = "ASC" | "DESC";

export const rowId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":").at(-1));

/** A column's value as PostgreSQL sorts it. */
function sortable(type: GraphQLObjectType, column: ColumnField, row: Row, database: DatabaseOrder) {
  const value = columnValue(row, column);
  if (value === null) return null;
  if (column.isId) return rowId(value as string);
  if (typeof value === "boolean") return value ? 1 : 0;
  const enumType = tableOf(type).enums[column.column];
  return enumType ? database.enums.get(enumType)!.indexOf(value as string) : (value as string | number);
}

/** The column fields orderings are generated over (text only in code-point order). */
export const orderableColumns = (type: GraphQLObjectType, database: DatabaseOrder) =>
  columnsOf(type).filter((column) => database.textByCodePoint || column.type.name !== "String");

/** A random ordering of one to three of `type`'s fields, and the rows' ids in its order. */
export function randomOrdering(random: Random, type: GraphQLObjectType, database: DatabaseOrder) {
  const keys = [...orderableColumns(type, database)].sort(() => random.next() - 0.5).slice(0, random.int(1, 3));
  const orderBy = keys.map((column) => ({
    field: constantCase(column.name),
    direction: random.pick<Direction>(["ASC", "DESC"]),
  }));
  const last = orderBy.at(-1)!.direction;
  const sorted = (rows: Row[]) =>
    [...rows]
      .sort((a, b) => {
        for (const [k, column] of keys.entries()) {
          const [x, y] = [sortable(type, column, a, database), sortable(type, column, b, database)];
          const by = compareSorted(x, y, orderBy[k]!.direction);
          if (by) return by;
        }
        return compareSorted(rowId(a.id as string), rowId(b.id as string), last);
      })
      .map((row) => row.id as string);
  return { orderBy, sorted };
}
