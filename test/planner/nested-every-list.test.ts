// `where` and `orderBy` on every nested connection, walking the schema: for each connection of
// stored rows under a root list's rows (a batch's cycles, techs and relations, a letter batch's
// letters, a queue's or work order's batches — found, not listed), the parents with the most
// rows are read through `node(id:)` with all of their rows, then generated conditions and
// orderings (seeded: NESTED_SEED, NESTED_CASES) are answered by the gateway and by the
// references of list-references.ts. Nested lists compile through the relation's link (a join
// table for techs), so they are checked apart from the root lists.
import { type GraphQLField, type GraphQLObjectType, getNamedType, isNonNullType, isObjectType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { tableOfType } from "../../src/data/planner/plan.ts";
import { columnsOf } from "../../src/data/planner/queries/fields.ts";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import {
  type DatabaseOrder,
  seededDatabase,
  randomOrdering,
  whereGenerator,
  expectFiltered,
} from "./list-references.ts";
import { type Row, data, rootLists, selectionOf } from "./root-lists.ts";
import { type Page, walkPages } from "./walk-pages.ts";

const SEED = Number(process.env.NESTED_SEED ?? 20261206);
const CASES = Number(process.env.NESTED_CASES ?? 30);
const PARENTS = 3;

interface Nested {
  root: string;
  parent: GraphQLObjectType;
  field: string;
  item: GraphQLObjectType;
  pageSize: number;
}

const itemOf = (field: GraphQLField<unknown, unknown>) => {
  const connection = getNamedType(field.type);
  if (!isObjectType(connection) || !connection.name.endsWith("Connection")) return undefined;
  const edge = getNamedType(connection.getFields().edges!.type) as GraphQLObjectType;
  const node = getNamedType(edge.getFields().node!.type) as GraphQLObjectType;
  return tableOfType(node) ? node : undefined;
};

const nested: Nested[] = rootLists().flatMap((list) =>
  Object.values(list.type.getFields()).flatMap((field) => {
    const item = itemOf(field as GraphQLField<unknown, unknown>);
    if (!item || field.args.some((arg) => isNonNullType(arg.type))) return [];
    const pageSize = Number(/at most (\d+) per page/.exec(field.description ?? "")?.[1] ?? 100);
    return [{ root: list.name, parent: list.type, field: field.name, item, pageSize }];
  }),
);

let database: DatabaseOrder;

beforeAll(async () => {
  database = await seededDatabase();
}, 120_000);

/** One page of the parent's nested list, read through node(id:). */
async function nestedPage<T>(list: Nested, parent: string, selection: string, variables = {}) {
  const found = await data<{ node: Record<string, T> }>(
    `query ($id: ID!, $first: Int, $last: Int, $after: String, $before: String,
      $where: ${list.item.name}Where, $orderBy: [${list.item.name}Order!]) {
      node(id: $id) { ... on ${list.parent.name} { ${list.field}(first: $first, last: $last, after: $after,
        before: $before, where: $where, orderBy: $orderBy) { ${selection} } } } }`,
    { id: parent, ...variables },
  );
  return found.node[list.field]!;
}

const PAGE = "edges { node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage }";

describe("generated where and orderBy on every nested list answer as the references do", () => {
  test.each(
    counted(
      nested.map((list) => [`${list.parent.name}.${list.field}`, list] as const),
      { atLeast: 6 },
    ),
  )(`%s (seed ${SEED})`, { timeout: 300_000 }, async (_name, list) => {
    // The parents with the most rows in the list, among the first 50.
    const candidates = (
      await data<Record<string, { edges: { node: { id: string } & Record<string, { totalCount: number }> }[] }>>(
        `{ ${list.root}(first: 50) { edges { node { id ${list.field}(first: 0) { totalCount } } } } }`,
      )
    )[list.root]!.edges.map((edge) => ({ id: edge.node.id, rows: edge.node[list.field]!.totalCount }));
    const parents = candidates.sort((a, b) => b.rows - a.rows).slice(0, PARENTS);
    expect(parents[0]!.rows).toBeGreaterThan(1);
    const selection = columnsOf(list.item).map(selectionOf).join(" ");
    const random = prng(SEED + list.field.length);
    for (const parent of counted(parents, PARENTS)) {
      const rows: Row[] = [];
      let after: string | undefined;
      for (let pages = 0; pages <= parent.rows; pages++) {
        type Rows = { edges: { node: Row }[]; pageInfo: { endCursor: string; hasNextPage: boolean } };
        const page = await nestedPage<Rows>(
          list,
          parent.id,
          `edges { node { ${selection} } } pageInfo { endCursor hasNextPage }`,
          { first: list.pageSize, after },
        );
        rows.push(...page.edges.map((edge) => edge.node));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(rows).toHaveLength(parent.rows);
      const conditions = whereGenerator(random, list.item, rows, database);
      for (let i = 0; i < CASES; i++) {
        const { where, meets } = conditions.next();
        const expected = rows.filter((row) => meets(row) === true).map((row) => row.id as string);
        const found = await nestedPage<{ totalCount: number; edges: { node: { id: string } }[] }>(
          list,
          parent.id,
          "totalCount edges { node { id } }",
          { first: list.pageSize, where },
        );
        expectFiltered({ case: i, where }, found, expected, list.pageSize);
        // An ordering of the same rows, walked in pages of a random size.
        const { orderBy, sorted } = randomOrdering(random, list.item, database);
        const size = random.int(1, Math.max(1, Math.ceil(rows.length / 2)));
        const backwards = random.chance(0.5);
        const walked = await walkPages(rows.length, size, backwards, (page) =>
          nestedPage<Page>(list, parent.id, PAGE, { ...page, orderBy }),
        );
        expect({ case: i, orderBy, size, backwards, walked }).toEqual({
          case: i,
          orderBy,
          size,
          backwards,
          walked: sorted(rows),
        });
      }
    }
  });
});
