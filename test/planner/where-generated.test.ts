// `where` against a reference: hundreds of generated conditions (seeded: WHERE_SEED, WHERE_CASES)
// over the batches of the demo data — comparisons on numbers, dates (some missing), text and an
// embedded enum, conditions through a to-one relation, some/every/none of the cycles, nested in
// and/or/not — each answered by the gateway and by an evaluator in this file that applies SQL's
// three-valued logic to the rows read plainly. A root list and the same list nested under each
// queue must both answer exactly the rows the evaluator keeps, and the list's aggregate (count,
// min, max, sum, avg, groups) must equal the figures made here from those rows.
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { post } from "../client.ts";
import { type Random, prng } from "./generator.ts";
import { type Truth, type Value, and, compareAll, not, or } from "./sql-logic.ts";

const SEED = Number(process.env.WHERE_SEED ?? 20261201);
const CASES = Number(process.env.WHERE_CASES ?? 1000);

interface Cycle {
  isRetry: boolean;
  position: number;
  currentStatus: { category: string };
}

interface Batch {
  id: string;
  label: string;
  numberCycles: number;
  dueDate: string | null;
  currentStatus: { category: string };
  queue: { id: string };
  workOrder: { label: string; dueDate: string | null } | null;
  cycles: { totalCount: number; edges: { node: Cycle }[] };
}

type Where = Record<string, unknown>;

const CATEGORIES = ["PENDING", "IN_PROGRESS", "VERIFYING", "BLOCKED", "COMPLETE", "CANCELLED"];

/** One column's operators on a value (null: the row holds none). */
const compare = (value: Value, filter: Where): Truth => compareAll(value, filter);

function cycleMeets(cycle: Cycle, where: Where): Truth {
  return and(
    Object.entries(where).map(([key, value]): Truth => {
      if (key === "isRetry") return compare(cycle.isRetry, value as Where);
      if (key === "position") return compare(cycle.position, value as Where);
      if (key === "currentStatus") return compare(cycle.currentStatus.category, (value as Where).category as Where);
      throw new Error(`no cycle field ${key}`);
    }),
  );
}

function batchMeets(batch: Batch, where: Where): Truth {
  return and(
    Object.entries(where).map(([key, value]): Truth => {
      const items = value as Where[];
      switch (key) {
        case "and":
          return and(items.map((item) => batchMeets(batch, item)));
        case "or":
          return or(items.map((item) => batchMeets(batch, item)));
        case "not":
          return not(batchMeets(batch, value as Where));
        case "numberCycles":
          return compare(batch.numberCycles, value as Where);
        case "dueDate":
          return compare(batch.dueDate, value as Where);
        case "label":
          return compare(batch.label, value as Where);
        case "currentStatus":
          return compare(batch.currentStatus.category, (value as Where).category as Where);
        case "workOrder": {
          // EXISTS (the work order, meeting the conditions): never unknown.
          const order = batch.workOrder;
          if (!order) return false;
          const inner = value as Where;
          const met = and([
            ...(inner.label ? [compare(order.label, inner.label as Where)] : []),
            ...(inner.dueDate ? [compare(order.dueDate, inner.dueDate as Where)] : []),
          ]);
          return met === true;
        }
        case "cycles": {
          const cycles = batch.cycles.edges.map((edge) => edge.node);
          const quantified = value as Where;
          return and(
            Object.entries(quantified).map(([quantifier, inner]): Truth => {
              const met = cycles.map((cycle) => cycleMeets(cycle, inner as Where));
              if (quantifier === "some") return met.includes(true);
              if (quantifier === "none") return !met.includes(true);
              return met.every((truth) => truth === true);
            }),
          );
        }
        default:
          throw new Error(`no batch field ${key}`);
      }
    }),
  );
}

/** Random conditions, built from values the rows hold (so they match some rows and not others). */
function generator(random: Random, batches: Batch[]) {
  const numbers = [...new Set(batches.map((b) => b.numberCycles))];
  const dates = batches.flatMap((b) => (b.dueDate ? [b.dueDate] : []));
  const labels = batches.map((b) => b.label);
  const orderDates = batches.flatMap((b) => (b.workOrder?.dueDate ? [b.workOrder.dueDate] : []));
  const someCase = (text: string) => (random.chance(0.5) ? text.toUpperCase() : text.toLowerCase());
  const categories = () => [...new Set([random.pick(CATEGORIES), random.pick(CATEGORIES)])];
  const numberFilter = (values: readonly number[]): Where => {
    const operator = random.pick(["eq", "ne", "lt", "lte", "gt", "gte", "in", "notIn"]);
    const value = random.pick(values);
    return {
      [operator]: operator === "in" || operator === "notIn" ? [value, random.pick(values)] : value,
    };
  };
  const dateFilter = (values: readonly string[]): Where =>
    random.chance(0.2)
      ? { isNull: random.chance(0.5) }
      : { [random.pick(["lt", "lte", "gt", "gte", "ne", "eq"])]: random.pick(values) };
  const categoryFilter = (): Where => {
    const operator = random.pick(["eq", "ne", "in", "notIn"]);
    return { [operator]: operator === "eq" || operator === "ne" ? random.pick(CATEGORIES) : categories() };
  };
  const textFilter = (): Where => {
    const label = random.pick(labels);
    const from = random.int(0, label.length - 1);
    const part = label.slice(from, from + random.int(1, 6));
    return random.pick([{ contains: someCase(part) }, { startsWith: someCase(label.slice(0, random.int(1, 8))) }]);
  };
  const cycleWhere = (): Where =>
    random.pick([
      () => ({ isRetry: { eq: random.chance(0.5) } }),
      () => ({ position: numberFilter([1, 2, 3, 5, 10, 15, 20]) }),
      () => ({ currentStatus: { category: categoryFilter() } }),
      () => ({}),
    ])();
  const leaf = (): Where =>
    random.pick([
      () => ({ numberCycles: numberFilter(numbers) }),
      () => ({ dueDate: dateFilter(dates) }),
      () => ({ label: textFilter() }),
      () => ({ currentStatus: { category: categoryFilter() } }),
      () =>
        random.chance(0.5)
          ? { workOrder: { dueDate: dateFilter(orderDates) } }
          : { workOrder: { label: { startsWith: someCase(random.pick(labels).slice(0, 8)) } } },
      () => ({ cycles: { [random.pick(["some", "every", "none"])]: cycleWhere() } }),
    ])();
  const where = (depth: number): Where => {
    if (depth >= 3 || random.chance(0.4)) return leaf();
    const items = () => Array.from({ length: random.int(0, 3) }, () => where(depth + 1));
    return random.pick([
      () => ({ and: items() }),
      () => ({ or: items() }),
      () => ({ not: where(depth + 1) }),
      () => ({ ...leaf(), ...leaf() }),
    ])();
  };
  return () => where(0);
}

let batches: Batch[];

async function data<T>(query: string, variables: object = {}): Promise<T> {
  const result = await post<T>({ query, variables });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
  batches = (
    await data<{ batches: { edges: { node: Batch }[] } }>(
      `{ batches(first: 100) { edges { node { id label numberCycles dueDate currentStatus { category } queue { id }
        workOrder { label dueDate } cycles(first: 50) { totalCount edges { node { isRetry position
        currentStatus { category } } } } } } } }`,
    )
  ).batches.edges.map((edge) => edge.node);
  expect(batches).toHaveLength(100);
  // The evaluator sees every cycle of every batch.
  for (const batch of batches) expect(batch.cycles.edges).toHaveLength(batch.cycles.totalCount);
}, 120_000);

describe("generated where conditions answer exactly the rows SQL's logic keeps", () => {
  test("the evaluator follows SQL on missing values: ne and notIn do not match them, nor does not(…) of a comparison", () => {
    const undated = { dueDate: null } as Batch;
    expect(batchMeets(undated, { dueDate: { ne: "2026-01-01T00:00:00.000Z" } })).toBeNull();
    expect(batchMeets(undated, { not: { dueDate: { lt: "2026-01-01T00:00:00.000Z" } } })).toBeNull();
    expect(batchMeets(undated, { or: [{ dueDate: { isNull: true } }, { dueDate: { lt: "x" } }] })).toBe(true);
  });

  test(`${CASES} conditions (seed ${SEED}), on a root list and nested under each queue`, {
    timeout: 600_000,
  }, async () => {
    const next = generator(prng(SEED), batches);
    let matchedSome = 0;
    let matchedNone = 0;
    for (let i = 0; i < CASES; i++) {
      const where = next();
      const expected = batches
        .filter((batch) => batchMeets(batch, where) === true)
        .map((batch) => batch.id)
        .sort();
      if (expected.length > 0 && expected.length < batches.length) matchedSome++;
      if (expected.length === 0) matchedNone++;
      const root = await data<{ batches: { totalCount: number; edges: { node: { id: string } }[] } }>(
        "query ($where: BatchWhere) { batches(first: 100, where: $where) { totalCount edges { node { id } } } }",
        { where },
      );
      const found = root.batches.edges.map((edge) => edge.node.id).sort();
      expect({ case: i, seed: SEED, where, found }).toEqual({ case: i, seed: SEED, where, found: expected });
      expect(root.batches.totalCount).toBe(expected.length);
      if (i % 4 === 1) {
        // The list's aggregate over the same rows: figures and groups made here from the rows kept.
        type Figures = {
          count: number;
          min: { numberCycles: number | null; dueDate: string | null };
          max: { numberCycles: number | null };
          sum: { numberCycles: number | null };
          avg: { numberCycles: number | null };
          groupBy: { keys: { currentStatusCategory: string }; count: number }[];
        };
        const { batches: list } = await data<{ batches: { aggregate: Figures } }>(
          "query ($where: BatchWhere) { batches(first: 0, where: $where) { aggregate { count " +
            "min { numberCycles dueDate } max { numberCycles } sum { numberCycles } avg { numberCycles } " +
            "groupBy(by: [CURRENT_STATUS_CATEGORY]) { keys { currentStatusCategory } count } } } }",
          { where },
        );
        const kept = batches.filter((batch) => expected.includes(batch.id));
        const cycles = kept.map((batch) => batch.numberCycles);
        const dates = kept.flatMap((batch) => (batch.dueDate ? [batch.dueDate] : [])).sort();
        const total = cycles.reduce((sum, n) => sum + n, 0);
        const groups = new Map<string, number>();
        for (const batch of kept)
          groups.set(batch.currentStatus.category, (groups.get(batch.currentStatus.category) ?? 0) + 1);
        const { groupBy, avg, ...figures } = list.aggregate;
        expect({ case: i, where, figures }).toEqual({
          case: i,
          where,
          figures: {
            count: kept.length,
            min: { numberCycles: kept.length ? Math.min(...cycles) : null, dueDate: dates[0] ?? null },
            max: { numberCycles: kept.length ? Math.max(...cycles) : null },
            sum: { numberCycles: kept.length ? total : null },
          },
        });
        if (kept.length) expect(avg.numberCycles).toBeCloseTo(total / kept.length, 9);
        else expect(avg.numberCycles).toBeNull();
        expect(new Map(groupBy.map((group) => [group.keys.currentStatusCategory, group.count]))).toEqual(groups);
      }
      if (i % 5 === 0) {
        const nested = await data<{
          queues: { edges: { node: { batches: { edges: { node: { id: string } }[] } } }[] };
        }>(
          "query ($where: BatchWhere) { queues(first: 100) { edges { node { batches(first: 100, where: $where) " +
            "{ edges { node { id } } } } } } }",
          { where },
        );
        const underQueues = nested.queues.edges.flatMap((queue) => queue.node.batches.edges.map((e) => e.node.id));
        expect({ case: i, where, nested: underQueues.sort() }).toEqual({ case: i, where, nested: expected });
      }
    }
    // The generator asks discriminating questions: most keep some rows and drop others.
    expect(matchedSome).toBeGreaterThan(CASES / 3);
    expect(matchedNone).toBeLessThan(CASES / 2);
  });
});
