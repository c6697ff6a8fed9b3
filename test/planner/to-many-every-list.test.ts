// `some`, `every` and `none` on every to-many relation `where` offers, walking the schema: for
// each root list whose rows have such a relation (found from the declarations, as `where` finds
// them), a page of parents is read with all of their related rows, then generated conditions on
// the related type (seeded: TO_MANY_SEED, TO_MANY_CASES), under a random quantifier, must keep
// exactly the parents the reference keeps (list-references.ts: SQL's logic on the related rows).
import { type GraphQLObjectType, getNamedType, isObjectType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { columnsOf, listRelationsOf } from "../../src/data/planner/queries/fields.ts";
import { counted } from "../counted.ts";
import { prng } from "./generator.ts";
import { type DatabaseOrder, seededDatabase, whereGenerator } from "./list-references.ts";
import { type Row, data, rootLists, selectionOf } from "./root-lists.ts";

const SEED = Number(process.env.TO_MANY_SEED ?? 20261207);
const CASES = Number(process.env.TO_MANY_CASES ?? 40);
/** Related rows read per parent at most (a connection's largest page). */
const MOST_RELATED = 100;

const cases = rootLists().flatMap((list) =>
  listRelationsOf(list.type).map((relation) => [`${list.type.name}.${relation.name}`, list, relation] as const),
);

let database: DatabaseOrder;

beforeAll(async () => {
  database = await seededDatabase();
}, 120_000);

/** How the relation's rows are selected: a connection's page of all of them, or the whole list. */
function relatedSelection(parent: GraphQLObjectType, name: string, target: GraphQLObjectType): string {
  const columns = columnsOf(target).map(selectionOf).join(" ");
  const shown = getNamedType(parent.getFields()[name]!.type);
  const paged = isObjectType(shown) && Boolean(shown.getFields().edges);
  return paged
    ? `${name}(first: ${MOST_RELATED}) { totalCount edges { node { ${columns} } } }`
    : `${name} { ${columns} }`;
}

const relatedRows = (value: unknown): Row[] => {
  const connection = value as { totalCount?: number; edges?: { node: Row }[] };
  if (!connection.edges) return value as Row[];
  expect(connection.edges).toHaveLength(connection.totalCount!);
  return connection.edges.map((edge) => edge.node);
};

describe("generated some/every/none conditions keep exactly the parents SQL's logic keeps", () => {
  test.each(counted(cases, { atLeast: 7 }))(
    `%s (seed ${SEED})`,
    { timeout: 300_000 },
    async (_name, list, relation) => {
      const pageSize = Math.min(list.pageSize, 100);
      const parents = (
        await data<Record<string, { edges: { node: Row }[] }>>(
          `{ ${list.name}(first: ${pageSize}) { edges { node { id ${relatedSelection(list.type, relation.name, relation.target)} } } } }`,
        )
      )[list.name]!.edges.map((edge) => ({
        id: edge.node.id as string,
        related: relatedRows(edge.node[relation.name]),
      }));
      expect(parents.length).toBeGreaterThan(1);
      const all = parents.flatMap((parent) => parent.related);
      expect(all.length).toBeGreaterThan(0);
      const random = prng(SEED + relation.name.length + list.name.length);
      const conditions = whereGenerator(random, relation.target, all, database);
      const ids = parents.map((parent) => parent.id);
      let discriminating = 0;
      for (let i = 0; i < CASES; i++) {
        const quantifier = random.pick(["some", "every", "none"] as const);
        const condition = random.chance(0.15) ? { where: {}, meets: () => true } : conditions.next();
        const keeps = (related: Row[]) => {
          const met = related.map((row) => condition.meets(row) === true);
          return quantifier === "some"
            ? met.includes(true)
            : quantifier === "none"
              ? !met.includes(true)
              : !met.includes(false);
        };
        const expected = parents.filter((parent) => keeps(parent.related)).map((parent) => parent.id);
        if (expected.length > 0 && expected.length < parents.length) discriminating++;
        const where = { and: [{ id: { in: ids } }, { [relation.name]: { [quantifier]: condition.where } }] };
        const found = (
          await data<Record<string, { edges: { node: { id: string } }[] }>>(
            `query ($where: ${list.type.name}Where) { ${list.name}(first: ${pageSize}, where: $where) { edges { node { id } } } }`,
            { where },
          )
        )[list.name]!.edges.map((edge) => edge.node.id);
        expect({ case: i, where, found: found.sort() }).toEqual({ case: i, where, found: expected.sort() });
      }
      // Some conditions keep some parents and drop others (lists of few parents, e.g. 5 queues, less often).
      expect(discriminating).toBeGreaterThan(CASES / 10);
    },
  );
});
