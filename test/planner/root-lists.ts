// The root lists of stored rows, found by walking the schema (connections whose arguments are
// all optional), and a plain read of every row of one: the reference the generated where and
// orderBy tests compare the gateway's answers with.
import { type GraphQLObjectType, getNamedType, isNonNullType, isObjectType } from "graphql";
import { expect } from "vitest";
import { schema } from "../../src/app/schema.ts";
import { prisma } from "../../src/data/db.ts";
import { tableOfType } from "../../src/data/planner/plan.ts";
import { type ColumnField, columnsOf } from "../../src/data/planner/queries/fields.ts";
import { post } from "../client.ts";

/** Rows read per list at most: the demo data's lists are smaller. */
export const MOST_ROWS = 5_000;

export type Row = Record<string, unknown>;

export interface RootList {
  /** The Query field, e.g. "messages". */
  name: string;
  /** Its rows' type. */
  type: GraphQLObjectType;
  /** The largest page it takes (its description says so: "at most 50 per page"). */
  pageSize: number;
}

/** The root lists as a `test.each` table: [name, list]. */
export const rootListCases = () => rootLists().map((list) => [list.name, list] as const);

export function rootLists(): RootList[] {
  return Object.values(schema.getQueryType()!.getFields()).flatMap((field) => {
    const connection = getNamedType(field.type);
    if (!isObjectType(connection) || !connection.name.endsWith("Connection")) return [];
    if (field.args.some((arg) => isNonNullType(arg.type))) return [];
    const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
    const type = getNamedType(edge.getFields().node!.type) as GraphQLObjectType;
    if (!tableOfType(type)) return [];
    const pageSize = Number(/at most (\d+) per page/.exec(field.description ?? "")?.[1] ?? 100);
    return [{ name: field.name, type, pageSize }];
  });
}

/** How a column field is selected (an embedded one inside its object). */
export const selectionOf = (column: ColumnField) =>
  column.embedded ? `${column.embedded.field} { ${column.embedded.inner} }` : column.name;

/** A column field's value in a row read with `selectionOf` (null when it holds none). */
export const columnValue = (row: Row, column: ColumnField) =>
  (column.embedded ? (row[column.embedded.field] as Row | null)?.[column.embedded.inner] : row[column.name]) ?? null;

export async function data<T>(query: string, variables: object = {}): Promise<T> {
  const result = await post<T>({ query, variables });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

/** Every row of the list (its own filters, no where) with every column field (and `more`), paging through it. */
export async function allRows(list: RootList, more = ""): Promise<Row[]> {
  const selection = `${columnsOf(list.type).map(selectionOf).join(" ")} ${more}`;
  const rows: Row[] = [];
  let after: string | null = null;
  type Page = { edges: { node: Row }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
  for (;;) {
    const page: Page = (
      await data<Record<string, Page>>(
        `query ($after: String) { ${list.name}(first: ${list.pageSize}, after: $after) { edges { node {
          ${selection} } } pageInfo { endCursor hasNextPage } } }`,
        { after },
      )
    )[list.name]!;
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage || rows.length >= MOST_ROWS) return rows;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Whether the database orders text by code point (the C collation the test clusters are made
 * with), as JavaScript's `<` does for the demo data's text; under another collation (a
 * TEST_DATABASE_URL of one's own) the generated tests leave text out of order comparisons.
 */
export async function textInCodePointOrder(): Promise<boolean> {
  const [database] = await prisma.$queryRaw<{ collation: string }[]>`SELECT datcollate AS collation FROM pg_database
    WHERE datname = current_database()`;
  return ["C", "C.UTF-8", "C.utf8", "POSIX"].includes(database!.collation);
}
