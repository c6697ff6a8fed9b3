// Root reads of work orders: one by id, and the filtered, ordered, keyset-paginated list.
import { Prisma } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseId, parseIds } from "../../../graphql/ids.ts";
import { rowByKey } from "../../../data/planner/fields.ts";
import { listConnection } from "../../../data/planner/run.ts";
import { likeContains, allOf, type AliasedCondition } from "../../../data/sql.ts";
import { NEWEST_FIRST } from "../ordering.ts";
import { workOrderTable } from "../tables.ts";
import { WorkOrderNode } from "./work-order.ts";

const WorkOrderFilter = builder.inputType("WorkOrderFilter", {
  description: "Conditions a work order must meet; all given conditions apply.",
  fields: (t) => ({
    locationIds: t.idList({ description: "Only work orders produced at one of these locations." }),
    projectIds: t.idList({ description: "Only work orders of one of these projects." }),
    dueFrom: t.field({ type: "DateTime", description: "Only work orders due at or after this time." }),
    dueTo: t.field({ type: "DateTime", description: "Only work orders due at or before this time." }),
    labelContains: t.string({ description: "Only work orders whose label contains this text (case-insensitive)." }),
  }),
});

/** The filter's conditions on work orders (ids checked and decoded before any SQL). */
function workOrderWhere(filter: typeof WorkOrderFilter.$inferInput | null | undefined) {
  const conditions: AliasedCondition[] = [];
  if (filter?.locationIds) {
    const ids = parseIds(filter.locationIds, "Location", "filter.locationIds");
    conditions.push((r) => Prisma.sql`${r}.location_id = ANY(${ids}::int[])`);
  }
  if (filter?.projectIds) {
    const ids = parseIds(filter.projectIds, "Project", "filter.projectIds");
    conditions.push((r) => Prisma.sql`${r}.project_id = ANY(${ids}::int[])`);
  }
  const { dueFrom, dueTo, labelContains } = filter ?? {};
  if (dueFrom) conditions.push((r) => Prisma.sql`${r}.due_date >= ${dueFrom}`);
  if (dueTo) conditions.push((r) => Prisma.sql`${r}.due_date <= ${dueTo}`);
  if (labelContains) conditions.push((r) => likeContains(Prisma.sql`${r}.label`, labelContains));
  return allOf(conditions);
}

builder.queryFields((t) => ({
  workOrder: t.field({
    type: WorkOrderNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A work order by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the work order." }) },
    resolve: (_root, args, context, info) =>
      rowByKey(workOrderTable, parseId(args.id, "WorkOrder", "id"), context, info) as never,
  }),
  workOrders: t.connection({
    type: WorkOrderNode,
    authScopes: { scope: "batch:all" },
    description:
      "Work orders, newest first unless ordered otherwise; at most 100 per page, sized by `first` or `last` (one " +
      "is required).",
    args: {
      filter: t.arg({ type: WorkOrderFilter, description: "Only work orders meeting these conditions." }),
    },
    resolve: (_root, args, context, info) =>
      listConnection(
        { table: workOrderTable, where: workOrderWhere(args.filter), order: NEWEST_FIRST(workOrderTable) },
        args,
        context,
        info,
      ) as never,
  }),
}));
