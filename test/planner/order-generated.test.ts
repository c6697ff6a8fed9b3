// orderBy and keyset cursors against a reference: generated orderings of batches (seeded:
// ORDER_SEED, ORDER_CASES) of one to three fields with ties and missing values (due dates),
// each direction, paged forwards with `first`/`after` and backwards with `last`/`before` in
// random page sizes, root and nested under a queue. Walking the pages must visit every row once,
// in the order a sort in this file gives: PostgreSQL's (missing values last ascending, first
// descending; enums in their declared order), ties broken by id in the last field's direction.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { post } from "../client.ts";
import { prng } from "./generator.ts";
import { compareSorted } from "./sql-logic.ts";

const SEED = Number(process.env.ORDER_SEED ?? 20261202);
const CASES = Number(process.env.ORDER_CASES ?? 120);

interface Batch {
  id: string;
  createdAt: string;
  updatedAt: string;
  dueDate: string | null;
  numberCycles: number;
  version: number;
  currentStatus: { category: string; order: number };
  queue: { id: string };
}

type Direction = "ASC" | "DESC";
type Value = string | number | null;

let batches: Batch[];
let categories: string[];

/** The orderable fields tried, with each row's value (text fields are left out: their order is the collation's). */
const FIELDS: Record<string, (batch: Batch) => Value> = {
  CREATED_AT: (b) => b.createdAt,
  UPDATED_AT: (b) => b.updatedAt,
  DUE_DATE: (b) => b.dueDate,
  NUMBER_CYCLES: (b) => b.numberCycles,
  VERSION: (b) => b.version,
  CURRENT_STATUS_ORDER: (b) => b.currentStatus.order,
  CURRENT_STATUS_CATEGORY: (b) => categories.indexOf(b.currentStatus.category),
  ID: (b) => rowId(b.id),
};

const rowId = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);

function sorted(rows: Batch[], orderBy: { field: string; direction: Direction }[]): string[] {
  const last = orderBy[orderBy.length - 1]!.direction;
  return [...rows]
    .sort((a, b) => {
      for (const { field, direction } of orderBy) {
        const by = compareSorted(FIELDS[field]!(a), FIELDS[field]!(b), direction);
        if (by) return by;
      }
      return compareSorted(rowId(a.id), rowId(b.id), last);
    })
    .map((row) => row.id);
}

type Page = {
  edges: { node: { id: string } }[];
  pageInfo: { startCursor: string; endCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
};

const PAGE = "edges { node { id } } pageInfo { startCursor endCursor hasNextPage hasPreviousPage }";
const ARGS = "first: $first, last: $last, after: $after, before: $before, orderBy: $orderBy";
const VARIABLES = "$first: Int, $last: Int, $after: String, $before: String, $orderBy: [BatchOrder!]";

/** Every row, walking the pages forwards (first/after) or backwards (last/before). */
async function walk(read: (variables: object) => Promise<Page>, size: number, backwards: boolean): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = await read(backwards ? { last: size, before: cursor } : { first: size, after: cursor });
    expect(page.edges.length).toBeLessThanOrEqual(size);
    const found = page.edges.map((edge) => edge.node.id);
    if (backwards) ids.unshift(...found);
    else ids.push(...found);
    const more = backwards ? page.pageInfo.hasPreviousPage : page.pageInfo.hasNextPage;
    if (!more) return ids;
    cursor = backwards ? page.pageInfo.startCursor : page.pageInfo.endCursor;
  }
  throw new Error("more than 200 pages");
}

async function data<T>(query: string, variables: object): Promise<T> {
  const result = await post<T>({ query, variables });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
  // Every seventh batch without a due date, so orderings must place missing values.
  await prisma.$executeRaw`UPDATE batch SET due_date = NULL WHERE id % 7 = 0`;
  categories = (
    await prisma.$queryRaw<{ label: string }[]>`SELECT e.enumlabel AS label FROM pg_enum e
      JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = 'status_category' ORDER BY e.enumsortorder`
  ).map((row) => row.label);
  expect(categories).toContain("BLOCKED");
  batches = (
    await data<{ batches: { edges: { node: Batch }[] } }>(
      `{ batches(first: 100) { edges { node { id createdAt updatedAt dueDate numberCycles version
        currentStatus { category order } queue { id } } } } }`,
      {},
    )
  ).batches.edges.map((edge) => edge.node);
  expect(batches).toHaveLength(100);
}, 120_000);

describe("generated orderings page through every row once, in the reference order", () => {
  test("the data has ties and missing values to order", () => {
    expect(new Set(batches.map((b) => b.numberCycles)).size).toBeLessThan(batches.length / 2);
    expect(batches.some((b) => b.dueDate === null)).toBe(true);
    expect(batches.some((b) => b.dueDate !== null)).toBe(true);
  });

  test(`${CASES} orderings (seed ${SEED}), root and nested, forwards and backwards`, { timeout: 600_000 }, async () => {
    const random = prng(SEED);
    const queues = [...new Set(batches.map((b) => b.queue.id))];
    expect(queues.length).toBeGreaterThan(1);
    for (let i = 0; i < CASES; i++) {
      const fields = [...Object.keys(FIELDS)].sort(() => random.next() - 0.5).slice(0, random.int(1, 3));
      const orderBy = fields.map((field) => ({ field, direction: random.pick<Direction>(["ASC", "DESC"]) }));
      const size = random.int(1, 17);
      const backwards = random.chance(0.5);
      const nested = i % 3 === 0;
      const queue = random.pick(queues);
      const rows = nested ? batches.filter((b) => b.queue.id === queue) : batches;
      const read = nested
        ? async (variables: object) =>
            (
              await data<{ queue: { batches: Page } }>(
                `query ($queue: ID!, ${VARIABLES}) { queue(id: $queue) { batches(${ARGS}) { ${PAGE} } } }`,
                { ...variables, queue, orderBy },
              )
            ).queue.batches
        : async (variables: object) =>
            (
              await data<{ batches: Page }>(`query (${VARIABLES}) { batches(${ARGS}) { ${PAGE} } }`, {
                ...variables,
                orderBy,
              })
            ).batches;
      const found = await walk(read, size, backwards);
      expect({ case: i, seed: SEED, orderBy, size, backwards, nested, found }).toEqual({
        case: i,
        seed: SEED,
        orderBy,
        size,
        backwards,
        nested,
        found: sorted(rows, orderBy),
      });
    }
  });
});
