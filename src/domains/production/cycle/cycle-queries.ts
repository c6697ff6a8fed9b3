// Root reads of cycles: one by id, and the filtered keyset-paginated list (oldest first).
import { Prisma } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { enumArray, allOf, type AliasedCondition } from "../../../data/sql.ts";
import { parseId, parseIds } from "../../../graphql/ids.ts";
import { rowByKey } from "../../../data/planner/fields.ts";
import { orderOf } from "../../../data/planner/order.ts";
import { listConnection } from "../../../data/planner/run.ts";
import { CycleNode } from "./cycle.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { cycleTable } from "../tables.ts";

const CycleFilter = builder.inputType("CycleFilter", {
  description: "Conditions a cycle must meet; all given conditions apply.",
  fields: (t) => ({
    batchIds: t.idList({ description: "Only cycles of one of these batches." }),
    workOrderIds: t.idList({ description: "Only cycles of one of these work orders." }),
    locationIds: t.idList({ description: "Only cycles worked at one of these locations." }),
    assignedUserIds: t.idList({ description: "Only cycles taken by one of these technicians." }),
    statusCategories: t.field({
      type: [StatusCategoryEnum],
      description: "Only cycles whose status is in one of these categories.",
    }),
    isRetry: t.boolean({ description: "Only retries (true) or only first attempts (false)." }),
  }),
});

/** The filter's conditions on cycles (ids checked and decoded before any SQL). */
function cycleWhere(filter: typeof CycleFilter.$inferInput | null | undefined) {
  const conditions: AliasedCondition[] = [];
  const ids = (list: readonly (string | number)[] | null | undefined, type: string, field: string, column: string) => {
    if (!list) return;
    const decoded = parseIds(list, type, `filter.${field}`);
    conditions.push((r) => Prisma.sql`${r}.${Prisma.raw(column)} = ANY(${decoded}::int[])`);
  };
  ids(filter?.batchIds, "Batch", "batchIds", "batch_id");
  ids(filter?.workOrderIds, "WorkOrder", "workOrderIds", "work_order_id");
  ids(filter?.locationIds, "Location", "locationIds", "location_id");
  ids(filter?.assignedUserIds, "User", "assignedUserIds", "assigned_user_id");
  const categories = filter?.statusCategories ? [...filter.statusCategories] : undefined;
  if (categories)
    conditions.push((r) => Prisma.sql`${r}.status_category = ANY(${enumArray(categories, "status_category")})`);
  const isRetry = filter?.isRetry;
  if (isRetry != null) conditions.push((r) => Prisma.sql`${r}.is_retry = ${isRetry}`);
  return allOf(conditions);
}

const OLDEST_FIRST = orderOf(cycleTable, [{ field: "createdAt", direction: "asc" }]);

builder.queryFields((t) => ({
  cycle: t.field({
    type: CycleNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A cycle by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the cycle." }) },
    resolve: (_root, args, context, info) =>
      rowByKey(cycleTable, parseId(args.id, "Cycle", "id"), context, info) as never,
  }),
  cycles: t.connection({
    type: CycleNode,
    authScopes: { scope: "batch:all" },
    description:
      "Cycles of every batch, oldest first; at most 100 per page, sized by `first` or `last` (one is required).",
    args: { filter: t.arg({ type: CycleFilter, description: "Only cycles meeting these conditions." }) },
    resolve: (_root, args, context, info) =>
      listConnection(
        { table: cycleTable, where: cycleWhere(args.filter), order: OLDEST_FIRST },
        args,
        context,
        info,
      ) as never,
  }),
}));
