// Root reads of queues: one by id, and the filtered, ordered, keyset-paginated list.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId, parseIds } from "../graphql/ids.ts";
import { listOf } from "../graphql/pagination.ts";
import { OrderDirection, orderedConnection, sortSpec } from "./ordering.ts";
import { QueueNode } from "./queue.ts";

const QueueOrderField = builder.enumType("QueueOrderField", {
  description: "What queues can be ordered by; ties are broken by id.",
  values: {
    PRIORITY: { value: "priority", description: "Priority: \"a\" is served before \"b\"." },
    LABEL: { value: "label", description: "Label, alphabetically." },
    CREATED_AT: { value: "createdAt", description: "Creation time." },
  } as const,
});

const QueueOrder = builder.inputType("QueueOrder", {
  description: "Ordering of a queue list.",
  fields: (t) => ({
    field: t.field({ type: QueueOrderField, required: true, description: "The field to order by." }),
    direction: t.field({ type: OrderDirection, defaultValue: "asc", description: "The direction; ASC by default." }),
  }),
});

const QueueFilter = builder.inputType("QueueFilter", {
  description: "Conditions a queue must meet; all given conditions apply.",
  fields: (t) => ({
    locationIds: t.idList({ description: "Only queues at one of these locations." }),
    isActive: t.boolean({ description: "Only queues that take work (true) or that do not (false)." }),
    labelContains: t.string({ description: "Only queues whose label contains this text (case-insensitive)." }),
  }),
});

function queueWhere(filter: typeof QueueFilter.$inferInput | null | undefined): Prisma.QueueWhereInput {
  if (!filter) return {};
  const where: Prisma.QueueWhereInput = {};
  if (filter.locationIds) where.locationId = { in: parseIds(filter.locationIds, "Location", "filter.locationIds") };
  if (filter.isActive != null) where.isActive = filter.isActive;
  if (filter.labelContains) where.label = { contains: filter.labelContains, mode: "insensitive" };
  return where;
}

builder.queryFields((t) => ({
  queue: t.field({
    type: QueueNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A production queue by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the queue." }) },
    resolve: (_root, args) => parseId(args.id, "Queue", "id"),
  }),
  queues: t.connection({
    type: QueueNode,
    authScopes: { scope: "batch:all" },
    description: "Production queues, by priority unless ordered otherwise; at most 100 per page (default 20).",
    args: {
      filter: t.arg({ type: QueueFilter, description: "Only queues meeting these conditions." }),
      orderBy: t.arg({ type: QueueOrder, description: "Ordering; by priority (PRIORITY ASC) by default." }),
    },
    resolve: (_root, args, _context, info) => {
      const where = queueWhere(args.filter);
      return orderedConnection(
        listOf(info),
        args,
        sortSpec(args.orderBy, { field: "priority", direction: "asc", type: "text" }),
        where,
        (query) => prisma.queue.findMany(query as Prisma.QueueFindManyArgs),
        () => prisma.queue.count({ where }),
      );
    },
  }),
}));
