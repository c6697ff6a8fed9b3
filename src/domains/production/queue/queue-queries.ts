// Root reads of queues: one by id, and the filtered, ordered, keyset-paginated list.
import { Prisma } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseId, parseIds } from "../../../graphql/ids.ts";
import { rowByKey } from "../../../data/planner/fields.ts";
import { listConnection } from "../../../data/planner/run.ts";
import { likeContains, allOf, type AliasedCondition } from "../../../data/sql.ts";
import { orderOf } from "../../../data/planner/order.ts";
import { QueueNode } from "./queue.ts";
import { queueTable } from "../tables.ts";

const BY_PRIORITY = orderOf(queueTable, [{ field: "priority", direction: "asc" }]);

const QueueFilter = builder.inputType("QueueFilter", {
  description: "Conditions a queue must meet; all given conditions apply.",
  fields: (t) => ({
    locationIds: t.idList({ description: "Only queues at one of these locations." }),
    isActive: t.boolean({ description: "Only queues that take work (true) or that do not (false)." }),
    labelContains: t.string({ description: "Only queues whose label contains this text (case-insensitive)." }),
  }),
});

/** The filter's conditions on queues (ids checked and decoded before any SQL). */
function queueWhere(filter: typeof QueueFilter.$inferInput | null | undefined) {
  const conditions: AliasedCondition[] = [];
  if (filter?.locationIds) {
    const ids = parseIds(filter.locationIds, "Location", "filter.locationIds");
    conditions.push((r) => Prisma.sql`${r}.location_id = ANY(${ids}::int[])`);
  }
  const { isActive, labelContains } = filter ?? {};
  if (isActive != null) conditions.push((r) => Prisma.sql`${r}.is_active = ${isActive}`);
  if (labelContains) conditions.push((r) => likeContains(Prisma.sql`${r}.label`, labelContains));
  return allOf(conditions);
}

builder.queryFields((t) => ({
  queue: t.field({
    type: QueueNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A production queue by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the queue." }) },
    resolve: (_root, args, context, info) =>
      rowByKey(queueTable, parseId(args.id, "Queue", "id"), context, info) as never,
  }),
  queues: t.connection({
    type: QueueNode,
    authScopes: { scope: "batch:all" },
    description:
      "Production queues, by priority unless ordered otherwise; at most 100 per page, sized by `first` or `last` " +
      "(one is required).",
    args: {
      filter: t.arg({ type: QueueFilter, description: "Only queues meeting these conditions." }),
    },
    resolve: (_root, args, context, info) =>
      listConnection(
        { table: queueTable, where: queueWhere(args.filter), order: BY_PRIORITY },
        args,
        context,
        info,
      ) as never,
  }),
}));
