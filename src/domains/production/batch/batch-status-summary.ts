// For analysts: batches and cycles counted by status category per queue, work order or
// location, aggregated by PostgreSQL (GROUP BY) and paged on the group's id.
import type { GraphQLObjectType } from "graphql";
import { prisma } from "../../../data/db.ts";
import { type WhereInput, whereScope, whereSql } from "../../../data/planner/queries/where.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import type { StatusCategory } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";
import { keysetConnection, listOf } from "../../../graphql/pagination.ts";
import { LocationNode } from "../catalog/location.ts";
import { QueueNode } from "../queue/queue.ts";
import { type CategoryCounts, StatusCountsRef, emptyCounts } from "../catalog/status-counts.ts";
import { WorkOrderNode } from "../work-order/work-order.ts";

const GROUP_COLUMNS = { QUEUE: "queue_id", WORK_ORDER: "work_order_id", LOCATION: "location_id" } as const;
type Grouping = keyof typeof GROUP_COLUMNS;

const BatchStatusGrouping = builder.enumType("BatchStatusGrouping", {
  description: "What batchStatusSummary groups batches by.",
  values: {
    QUEUE: { description: "One group per production queue." },
    WORK_ORDER: { description: "One group per work order." },
    LOCATION: { description: "One group per location." },
  } as const,
});

interface SummaryGroup {
  grouping: Grouping;
  groupId: number;
  batches: CategoryCounts;
  cycles: CategoryCounts;
}

const BatchStatusGroup = builder.objectRef<SummaryGroup>("BatchStatusGroup").implement({
  description: "The batches of one queue, work order or location and their cycles, counted by status category.",
  fields: (t) => ({
    queue: t.field({
      type: QueueNode,
      nullable: true,
      description: "The queue, when grouped by QUEUE.",
      resolve: (g) => (g.grouping === "QUEUE" ? g.groupId : null),
    }),
    workOrder: t.field({
      type: WorkOrderNode,
      nullable: true,
      description: "The work order, when grouped by WORK_ORDER.",
      resolve: (g) => (g.grouping === "WORK_ORDER" ? g.groupId : null),
    }),
    location: t.field({
      type: LocationNode,
      nullable: true,
      description: "The location, when grouped by LOCATION.",
      resolve: (g) => (g.grouping === "LOCATION" ? g.groupId : null),
    }),
    batches: t.field({
      type: StatusCountsRef,
      description: "The group's batches by status category.",
      resolve: (g) => ({ counts: g.batches }),
    }),
    cycles: t.field({
      type: StatusCountsRef,
      description: "The cycles of the group's batches by status category.",
      resolve: (g) => ({ counts: g.cycles }),
    }),
  }),
});

type CountRow = { groupId: number; kind: "batch" | "cycle"; category: StatusCategory; n: number };

/** The batches `where` picks, as conditions on the batch aliased `b`. */
type BatchCondition = () => Prisma.Sql;

/** One statement: the page's group ids, then batch and cycle counts for just those groups. */
async function summaryPage(
  grouping: Grouping,
  batches: BatchCondition,
  page: { afterId: number; beforeId: number; limit: number; inverted: boolean },
) {
  const column = Prisma.raw(GROUP_COLUMNS[grouping]);
  const direction = Prisma.raw(page.inverted ? "DESC" : "ASC");
  const rows = await prisma.$queryRaw<CountRow[]>(Prisma.sql`
    WITH g AS (SELECT DISTINCT b.${column} AS id FROM batch b
      WHERE b.${column} > ${page.afterId} AND b.${column} < ${page.beforeId} AND ${batches()}
      ORDER BY 1 ${direction} LIMIT ${page.limit})
    SELECT b.${column} AS "groupId", 'batch' AS kind, b.status_category::text AS category, count(*)::int AS n
      FROM batch b WHERE b.${column} IN (SELECT id FROM g) AND ${batches()} GROUP BY 1, 3
    UNION ALL
    SELECT b.${column}, 'cycle', c.status_category::text, count(*)::int
      FROM cycle c JOIN batch b ON b.id = c.batch_id WHERE b.${column} IN (SELECT id FROM g) AND ${batches()}
      GROUP BY 1, 3`);
  const groups = new Map<number, SummaryGroup>();
  for (const row of rows) {
    let group = groups.get(row.groupId);
    if (!group)
      groups.set(
        row.groupId,
        (group = { grouping, groupId: row.groupId, batches: emptyCounts(), cycles: emptyCounts() }),
      );
    (row.kind === "batch" ? group.batches : group.cycles)[row.category] = row.n;
  }
  return [...groups.values()].sort((a, b) => (page.inverted ? b.groupId - a.groupId : a.groupId - b.groupId));
}

builder.queryFields((t) => ({
  batchStatusSummary: t.connection({
    type: BatchStatusGroup,
    authScopes: { scope: "batch:all" },
    description:
      "Batches and their cycles counted by status category per queue, work order or location, in group id order; " +
      "at most 100 groups per page, sized by `first` or `last` (one is required).",
    args: {
      groupBy: t.arg({ type: BatchStatusGrouping, required: true, description: "What to group the batches by." }),
    },
    // `where` (a BatchWhere, added with every list's where: src/data/planner/queries/schema.ts) picks the batches.
    extensions: { whereRowsOf: "Batch" },
    resolve: (_root, args, context, info) => {
      const column = Prisma.raw(GROUP_COLUMNS[args.groupBy]);
      const where = (args as { where?: WhereInput | null }).where;
      const rows = info.schema.getType("Batch") as GraphQLObjectType;
      const batches = () => whereSql(whereScope(context.viewer?.scopes), rows, where, "b");
      batches(); // refuses bad conditions before any SQL
      return keysetConnection(
        args,
        (page) =>
          summaryPage(args.groupBy, batches, {
            afterId: page.after?.id ?? 0,
            beforeId: page.before?.id ?? 2 ** 31 - 1,
            limit: page.limit,
            inverted: page.inverted,
          }),
        {
          ordering: { list: listOf(info), order: `group:${args.groupBy}`, valueType: "integer" },
          sortValue: (group) => group.groupId,
          id: (group) => group.groupId,
          totalCount: async () =>
            (
              await prisma.$queryRaw<{ n: number }[]>(
                Prisma.sql`SELECT count(DISTINCT b.${column})::int AS n FROM batch b WHERE ${batches()}`,
              )
            )[0]!.n,
        },
      );
    },
  }),
}));
