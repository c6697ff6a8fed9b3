// For analysts: batches and cycles counted by status category per queue, work order or
// location, aggregated by PostgreSQL (GROUP BY) and paged with a keyset on the group's id or on
// its counts (orderBy), ties broken by the group's id; `aggregate` gives the figures of
// the batches summarized, as every list of batches does.
import type { GraphQLObjectType } from "graphql";
import { prisma } from "../../../data/db.ts";
import { type WhereInput, whereScope, whereSql } from "../../../data/planner/queries/where.ts";
import { withAggregateSource } from "../../../data/planner/queries/schema.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import type { StatusCategory } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";
import { keysetConnection, listOf } from "../../../graphql/pagination.ts";
import { badUserInput } from "../../../graphql/errors.ts";
import { LocationNode } from "../catalog/location.ts";
import { QueueNode } from "../queue/queue.ts";
import { type CategoryCounts, StatusCountsRef, emptyCounts, totalOf } from "../catalog/status-counts.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { OrderDirection } from "../ordering.ts";
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

const MAX_ORDER_FIELDS = 3;

const BatchStatusGroupOrderField = builder.enumType("BatchStatusGroupOrderField", {
  description: "What batchStatusSummary's groups can be ordered by.",
  values: {
    GROUP: { description: "The group's id (the default)." },
    BATCHES: { description: "How many batches the group has (in `category`, when given)." },
    CYCLES: { description: "How many cycles the group's batches have (in `category`, when given)." },
  } as const,
});

const BatchStatusGroupOrder = builder.inputType("BatchStatusGroupOrder", {
  description:
    "One field of an ordering of batchStatusSummary's groups " +
    `(orderBy takes a list of at most ${MAX_ORDER_FIELDS}).`,
  fields: (t) => ({
    field: t.field({ type: BatchStatusGroupOrderField, required: true, description: "What to order by." }),
    category: t.field({
      type: StatusCategoryEnum,
      description: "With BATCHES or CYCLES: count only those in this status category.",
    }),
    direction: t.field({ type: OrderDirection, defaultValue: "asc", description: "The direction; ASC by default." }),
  }),
});

type GroupOrder = {
  field: "GROUP" | "BATCHES" | "CYCLES";
  category: StatusCategory | null;
  direction: "asc" | "desc";
};

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

/** The SQL value a group is ordered by, over its batches `b` (and, for CYCLES, their cycles `c`). */
function orderValue(order: GroupOrder, column: Prisma.Sql): Prisma.Sql {
  if (order.field === "GROUP") return Prisma.sql`b.${column}`;
  // Batches are counted once each: the cycles joined for another field repeat them.
  const rows = Prisma.raw(order.field === "BATCHES" ? "b" : "c");
  const counted = Prisma.raw(order.field === "BATCHES" ? "count(DISTINCT b.id)" : "count(c.id)");
  if (order.category)
    return Prisma.sql`${counted} FILTER (WHERE ${rows}.status_category = ${order.category}::text::status_category)`;
  return counted;
}

/** A group's value for `order`, from its counts. */
function groupValue(group: SummaryGroup, order: GroupOrder): number {
  if (order.field === "GROUP") return group.groupId;
  const counts = order.field === "BATCHES" ? group.batches : group.cycles;
  return order.category ? counts[order.category] : totalOf(counts);
}

/** A cursor's values: the group's value for each ordering field, then its id. */
type Position = number[];

interface SummaryPage {
  after?: Position;
  before?: Position;
  limit: number;
  inverted: boolean;
}

/** Rows (columns v0…vn and id) after `at` in the ordering given by `descending` per column: a keyset. */
function keysetAfter(at: Position, descending: boolean[]): Prisma.Sql {
  const column = (i: number) => Prisma.raw(i < descending.length - 1 ? `v${i}` : "id");
  const alternatives = at.map((_, i) => {
    const equal = at.slice(0, i).map((value, j) => Prisma.sql`${column(j)} = ${value}`);
    const beyond = Prisma.sql`${column(i)} ${Prisma.raw(descending[i] ? "<" : ">")} ${at[i]}`;
    return Prisma.join([...equal, beyond], " AND ");
  });
  return Prisma.sql`(${Prisma.join(alternatives, " OR ")})`;
}

/**
 * One statement: the page's groups (each group's ordering values computed by GROUP BY, then a
 * keyset on them and the id), then batch and cycle counts for just those groups.
 */
async function summaryPage(grouping: Grouping, batches: BatchCondition, orders: GroupOrder[], page: SummaryPage) {
  const column = Prisma.raw(GROUP_COLUMNS[grouping]);
  // Each value's direction, then the id's (ascending), as the rows are read (reversed for `last`).
  const descending = [...orders.map((order) => order.direction === "desc"), false];
  const reading = descending.map((down) => down !== page.inverted);
  const cycles = orders.some((order) => order.field === "CYCLES")
    ? Prisma.sql`LEFT JOIN cycle c ON c.batch_id = b.id`
    : Prisma.empty;
  const values = orders.map((order, i) => Prisma.sql`, ${orderValue(order, column)}::int AS ${Prisma.raw(`v${i}`)}`);
  const keyset: Prisma.Sql[] = [];
  if (page.after) keyset.push(keysetAfter(page.after, descending));
  if (page.before)
    keyset.push(
      keysetAfter(
        page.before,
        descending.map((down) => !down),
      ),
    );
  const sort = reading.map((down, i) => Prisma.raw(`${i < orders.length ? `v${i}` : "id"} ${down ? "DESC" : "ASC"}`));
  const rows = await prisma.$queryRaw<CountRow[]>(Prisma.sql`
    WITH v AS (SELECT b.${column} AS id ${values.length ? Prisma.join(values, " ") : Prisma.empty} FROM batch b ${cycles}
      WHERE b.${column} IS NOT NULL AND ${batches()} GROUP BY 1),
    g AS (SELECT id FROM v WHERE ${keyset.length ? Prisma.join(keyset, " AND ") : Prisma.sql`TRUE`}
      ORDER BY ${Prisma.join(sort)} LIMIT ${page.limit})
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
  const positionOf = (group: SummaryGroup) => [...orders.map((order) => groupValue(group, order)), group.groupId];
  const compare = (a: Position, b: Position) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return (a[i]! - b[i]!) * (reading[i] ? -1 : 1);
    return 0;
  };
  return [...groups.values()].sort((a, b) => compare(positionOf(a), positionOf(b)));
}

/** The orderBy argument as ordering fields (the group's id when absent), checked before any SQL. */
function groupOrders(orderBy: readonly Partial<GroupOrder>[] | null | undefined): GroupOrder[] {
  if (orderBy && orderBy.length > MAX_ORDER_FIELDS)
    throw badUserInput(`orderBy may list at most ${MAX_ORDER_FIELDS} fields`, "orderBy");
  const orders = (orderBy?.length ? orderBy : [{ field: "GROUP" as const }]).map((order) => ({
    field: order.field ?? "GROUP",
    category: order.field === "GROUP" ? null : (order.category ?? null),
    direction: order.direction ?? "asc",
  }));
  // Ordering by the group's id decides every tie: fields after it change nothing; by id ascending
  // alone is the default ordering (and its cursors).
  const group = orders.findIndex((order) => order.field === "GROUP");
  const decided = group >= 0 ? orders.slice(0, group + 1) : orders;
  return decided.length === 1 && group === 0 && decided[0]!.direction === "asc" ? [] : decided;
}

/** A cursor's text (the group's values and id) read back: BAD_USER_INPUT when it is not one of this ordering. */
function positionOfCursor(value: unknown, size: number, field: string): Position {
  let position: unknown;
  try {
    position = JSON.parse(value as string);
  } catch {
    position = undefined;
  }
  if (!Array.isArray(position) || position.length !== size || !position.every((n) => Number.isSafeInteger(n)))
    throw badUserInput(`"${field}" is not a valid cursor for this list and ordering`, field);
  return position as Position;
}

builder.queryFields((t) => ({
  batchStatusSummary: t.connection({
    type: BatchStatusGroup,
    authScopes: { scope: "batch:all" },
    description:
      "Batches and their cycles counted by status category per queue, work order or location, in group id order " +
      "unless orderBy gives another; " +
      "at most 100 groups per page, sized by `first` or `last` (one is required).",
    args: {
      groupBy: t.arg({ type: BatchStatusGrouping, required: true, description: "What to group the batches by." }),
      orderBy: t.arg({
        type: [BatchStatusGroupOrder],
        description:
          "The groups' ordering: by each field in turn, ties broken by the group's id (ascending); by id when " +
          "absent. Cursors are valid for the ordering that issued them.",
      }),
    },
    // `where` (a BatchWhere, added with every list's where: src/data/planner/queries/schema.ts) picks the
    // batches, and the connection's `aggregate` (a BatchAggregate, added there too) figures them.
    extensions: { whereRowsOf: "Batch" },
    resolve: (_root, args, context, info) => {
      const column = Prisma.raw(GROUP_COLUMNS[args.groupBy]);
      const where = (args as { where?: WhereInput | null }).where;
      const rows = info.schema.getType("Batch") as GraphQLObjectType;
      const batchesAs = (alias: string) => whereSql(whereScope(context.viewer?.scopes), rows, where, alias);
      const batches = () => batchesAs("b");
      batches(); // refuses bad conditions before any SQL
      const orders = groupOrders(args.orderBy as Partial<GroupOrder>[] | null | undefined);
      // By the group's id alone (the default), a cursor holds the id, as it always has; otherwise
      // the group's values (as JSON text) and its id.
      const byId = orders.length === 0;
      const cursor = (at: { value: unknown; id: number } | undefined, field: string) =>
        at && [...(byId ? [] : positionOfCursor(at.value, orders.length, field)), at.id];
      const connection = keysetConnection(
        args,
        (page) =>
          summaryPage(args.groupBy, batches, orders, {
            after: cursor(page.after, "after"),
            before: cursor(page.before, "before"),
            limit: page.limit,
            inverted: page.inverted,
          }),
        {
          ordering: {
            list: listOf(info),
            order: byId
              ? `group:${args.groupBy}`
              : `group:${args.groupBy}:${orders.map((o) => `${o.field}.${o.category ?? ""}.${o.direction}`).join(",")}`,
            valueType: byId ? "integer" : "text",
          },
          sortValue: (group) =>
            byId ? group.groupId : JSON.stringify(orders.map((order) => groupValue(group, order))),
          id: (group) => group.groupId,
          totalCount: async () =>
            (
              await prisma.$queryRaw<{ n: number }[]>(
                Prisma.sql`SELECT count(DISTINCT b.${column})::int AS n FROM batch b WHERE ${batches()}`,
              )
            )[0]!.n,
        },
      );
      return Promise.resolve(connection).then((page) => withAggregateSource(page, { type: rows, where: batchesAs }));
    },
  }),
}));
