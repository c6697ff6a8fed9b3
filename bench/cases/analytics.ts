// An analyst's questions (issue 15): a filtered and sorted list — our `where`/`orderBy` against
// PostGraphile's connection-filter `filter` and its `orderBy` — and an aggregate grouped by two
// keys — our `aggregate.groupBy` against @graphile/pg-aggregates' `groupedAggregates`.
import { type BenchCase, type CaseContext, body, rowIdOf } from "./types.ts";

const PEERS: BenchCase["servers"] = ["postgraphile", "gateway"];
const pg = (context: CaseContext) => context.server === "postgraphile";

/** Active work due from a week before the seed's instant (BENCH_SEED_NOW) on. */
const DUE_FROM = "2026-05-25T00:00:00Z";
const CATEGORIES = ["IN_PROGRESS", "BLOCKED"];

/** Batches in progress or blocked, due from DUE_FROM, soonest due first (ties by id). */
function filtered(context: CaseContext, page: number): string {
  const variables = { page, categories: CATEGORIES, from: DUE_FROM };
  if (pg(context)) {
    return body(
      "BenchFiltered",
      `query BenchFiltered($page: Int!, $categories: [StatusCategory!]!, $from: Datetime!) {
        allBatches(first: $page, filter: { statusCategory: { in: $categories }, dueDate: { greaterThanOrEqualTo: $from } },
          orderBy: [DUE_DATE_ASC, PRIMARY_KEY_ASC]) {
          totalCount edges { node { id label dueDate statusCategory workOrderByWorkOrderId { id label } } } } }`,
      variables,
    );
  }
  return body(
    "BenchFiltered",
    `query BenchFiltered($page: Int!, $categories: [StatusCategory!]!, $from: DateTime!) {
      batches(first: $page, where: { currentStatus: { category: { in: $categories } }, dueDate: { gte: $from } },
        orderBy: [{ field: DUE_DATE, direction: ASC }]) {
        totalCount edges { node { id label dueDate currentStatus { category } workOrder { id label } } } } }`,
    variables,
  );
}

/** The same batches counted, and counted by queue and status category. */
function aggregate(context: CaseContext): string {
  const variables = { categories: CATEGORIES, from: DUE_FROM };
  if (pg(context)) {
    return body(
      "BenchAggregate",
      `query BenchAggregate($categories: [StatusCategory!]!, $from: Datetime!) {
        allBatches(filter: { statusCategory: { in: $categories }, dueDate: { greaterThanOrEqualTo: $from } }) {
          totalCount groupedAggregates(groupBy: [QUEUE_ID, STATUS_CATEGORY]) { keys distinctCount { rowId } } } }`,
      variables,
    );
  }
  return body(
    "BenchAggregate",
    `query BenchAggregate($categories: [StatusCategory!]!, $from: DateTime!) {
      batches(first: 0, where: { currentStatus: { category: { in: $categories } }, dueDate: { gte: $from } }) {
        aggregate { count groupBy(by: [QUEUE, CURRENT_STATUS_CATEGORY]) { keys { queue { id } currentStatusCategory } count } } } }`,
    variables,
  );
}

// Response shapes of two servers, read without declaring each.
type Json = any;

/** The total and each group as "queue/category=count", sorted: the servers order groups differently. */
function groups(server: CaseContext["server"], response: unknown): (string | number)[] {
  const data = (response as Json).data;
  if (server === "postgraphile") {
    const { totalCount, groupedAggregates } = data.allBatches;
    return [
      totalCount,
      ...groupedAggregates.map((g: Json) => `${g.keys[0]}/${g.keys[1]}=${Number(g.distinctCount.rowId)}`).sort(),
    ];
  }
  const { count, groupBy } = data.batches.aggregate;
  return [
    count,
    ...groupBy.map((g: Json) => `${rowIdOf(g.keys.queue.id)}/${g.keys.currentStatusCategory}=${g.count}`).sort(),
  ];
}

export const analyticsCases: BenchCase[] = [
  {
    name: "filtered",
    description: "batches where status category in (IN_PROGRESS, BLOCKED) and due from a date, by due date (page)",
    kind: "read",
    paged: true,
    servers: PEERS,
    request: filtered,
  },
  {
    name: "aggregate",
    description: "the same batches: count, and count grouped by queue and status category",
    kind: "read",
    paged: false,
    servers: PEERS,
    request: aggregate,
    summarize: groups,
  },
];
