// Root reads of work orders: one by id, and the filtered, ordered, keyset-paginated list.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId, parseIds } from "../graphql/ids.ts";
import { listOf } from "../graphql/pagination.ts";
import { NEWEST_FIRST, OrderDirection, orderedConnection, sortSpec } from "./ordering.ts";
import { WorkOrderNode } from "./work-order.ts";

const WorkOrderOrderField = builder.enumType("WorkOrderOrderField", {
  description: "What work orders can be ordered by; ties are broken by id.",
  values: {
    CREATED_AT: { value: "createdAt", description: "Creation time." },
    DUE_DATE: { value: "dueDate", description: "Due date (work orders without one come last)." },
    LABEL: { value: "label", description: "Label, alphabetically." },
  } as const,
});

const WorkOrderOrder = builder.inputType("WorkOrderOrder", {
  description: "Ordering of a work order list.",
  fields: (t) => ({
    field: t.field({ type: WorkOrderOrderField, required: true, description: "The field to order by." }),
    direction: t.field({ type: OrderDirection, defaultValue: "asc", description: "The direction; ASC by default." }),
  }),
});

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

function workOrderWhere(filter: typeof WorkOrderFilter.$inferInput | null | undefined): Prisma.WorkOrderWhereInput {
  if (!filter) return {};
  const where: Prisma.WorkOrderWhereInput = {};
  if (filter.locationIds) where.locationId = { in: parseIds(filter.locationIds, "Location", "filter.locationIds") };
  if (filter.projectIds) where.projectId = { in: parseIds(filter.projectIds, "Project", "filter.projectIds") };
  if (filter.dueFrom || filter.dueTo) where.dueDate = { gte: filter.dueFrom ?? undefined, lte: filter.dueTo ?? undefined };
  if (filter.labelContains) where.label = { contains: filter.labelContains, mode: "insensitive" };
  return where;
}

builder.queryFields((t) => ({
  workOrder: t.field({
    type: WorkOrderNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A work order by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the work order." }) },
    resolve: (_root, args) => parseId(args.id, "WorkOrder", "id"),
  }),
  workOrders: t.connection({
    type: WorkOrderNode,
    authScopes: { scope: "batch:all" },
    description: "Work orders, newest first unless ordered otherwise; at most 100 per page (default 20).",
    args: {
      filter: t.arg({ type: WorkOrderFilter, description: "Only work orders meeting these conditions." }),
      orderBy: t.arg({ type: WorkOrderOrder, description: "Ordering; newest first (CREATED_AT DESC) by default." }),
    },
    resolve: (_root, args, _context, info) => {
      const where = workOrderWhere(args.filter);
      return orderedConnection(
        listOf(info),
        args,
        sortSpec(args.orderBy, NEWEST_FIRST),
        where,
        (query) => prisma.workOrder.findMany(query as Prisma.WorkOrderFindManyArgs),
        () => prisma.workOrder.count({ where }),
      );
    },
  }),
}));
