// Root reads of cycles: one by id, and the filtered keyset-paginated list (oldest first).
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId, parseIds } from "../graphql/ids.ts";
import { CycleNode } from "./cycle.ts";
import { listOf } from "../graphql/pagination.ts";
import { NEWEST_FIRST, orderedConnection, sortSpec } from "./ordering.ts";
import { StatusCategoryEnum } from "./status.ts";

const CycleFilter = builder.inputType("CycleFilter", {
  description: "Conditions a cycle must meet; all given conditions apply.",
  fields: (t) => ({
    batchIds: t.idList({ description: "Only cycles of one of these batches." }),
    workOrderIds: t.idList({ description: "Only cycles of one of these work orders." }),
    locationIds: t.idList({ description: "Only cycles worked at one of these locations." }),
    assignedUserIds: t.idList({ description: "Only cycles taken by one of these technicians." }),
    statusCategories: t.field({ type: [StatusCategoryEnum], description: "Only cycles whose status is in one of these categories." }),
    isRetry: t.boolean({ description: "Only retries (true) or only first attempts (false)." }),
  }),
});

function cycleWhere(filter: typeof CycleFilter.$inferInput | null | undefined): Prisma.CycleWhereInput {
  if (!filter) return {};
  const where: Prisma.CycleWhereInput = {};
  if (filter.batchIds) where.batchId = { in: parseIds(filter.batchIds, "Batch", "filter.batchIds") };
  if (filter.workOrderIds) where.workOrderId = { in: parseIds(filter.workOrderIds, "WorkOrder", "filter.workOrderIds") };
  if (filter.locationIds) where.locationId = { in: parseIds(filter.locationIds, "Location", "filter.locationIds") };
  if (filter.assignedUserIds) where.assignedUserId = { in: parseIds(filter.assignedUserIds, "User", "filter.assignedUserIds") };
  if (filter.statusCategories) where.statusCategory = { in: filter.statusCategories };
  if (filter.isRetry != null) where.isRetry = filter.isRetry;
  return where;
}

builder.queryFields((t) => ({
  cycle: t.field({
    type: CycleNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A cycle by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the cycle." }) },
    resolve: (_root, args) => parseId(args.id, "Cycle", "id"),
  }),
  cycles: t.connection({
    type: CycleNode,
    authScopes: { scope: "batch:all" },
    description: "Cycles of every batch, oldest first; at most 100 per page (default 20).",
    args: { filter: t.arg({ type: CycleFilter, description: "Only cycles meeting these conditions." }) },
    resolve: (_root, args, _context, info) => {
      const where = cycleWhere(args.filter);
      return orderedConnection(
        listOf(info),
        args,
        sortSpec({ field: "createdAt", direction: "asc" }, NEWEST_FIRST),
        where,
        (query) => prisma.cycle.findMany(query as Prisma.CycleFindManyArgs),
        () => prisma.cycle.count({ where }),
      );
    },
  }),
}));
