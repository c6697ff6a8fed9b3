// Root reads of batches: one by id, and the filtered, ordered, keyset-paginated list.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { StatusCategory } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseId, parseIds } from "../../../graphql/ids.ts";
import { rowByKey } from "../../../data/planner/fields.ts";
import { listConnection } from "../../../data/planner/run.ts";
import { enumArray, likeContains, allOf, type AliasedCondition } from "../../../data/sql.ts";
import { BatchNode } from "./batch.ts";
import { NEWEST_FIRST } from "../ordering.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { batchTable } from "../tables.ts";

export const BatchFilter = builder.inputType("BatchFilter", {
  description: "Conditions a batch must meet; all given conditions apply.",
  fields: (t) => ({
    queueIds: t.idList({ description: "Only batches in one of these queues." }),
    workOrderIds: t.idList({ description: "Only batches of one of these work orders." }),
    statusCategories: t.field({
      type: [StatusCategoryEnum],
      description: "Only batches whose status is in one of these categories.",
    }),
    dueFrom: t.field({ type: "DateTime", description: "Only batches due at or after this time." }),
    dueTo: t.field({ type: "DateTime", description: "Only batches due at or before this time." }),
    labelContains: t.string({ description: "Only batches whose label contains this text (case-insensitive)." }),
  }),
});

type BatchFilterInput = typeof BatchFilter.$inferInput;

/** The filter's conditions on batches aliased `alias` (ids are checked and decoded first, before any SQL). */
export function batchFilterSql(filter: BatchFilterInput | null | undefined) {
  const conditions: AliasedCondition[] = [];
  if (filter?.queueIds) {
    const ids = parseIds(filter.queueIds, "Queue", "filter.queueIds");
    conditions.push((r) => Prisma.sql`${r}.queue_id = ANY(${ids}::int[])`);
  }
  if (filter?.workOrderIds) {
    const ids = parseIds(filter.workOrderIds, "WorkOrder", "filter.workOrderIds");
    conditions.push((r) => Prisma.sql`${r}.work_order_id = ANY(${ids}::int[])`);
  }
  const categories: StatusCategory[] | undefined = filter?.statusCategories ? [...filter.statusCategories] : undefined;
  if (categories)
    conditions.push((r) => Prisma.sql`${r}.status_category = ANY(${enumArray(categories, "status_category")})`);
  const { dueFrom, dueTo, labelContains } = filter ?? {};
  if (dueFrom) conditions.push((r) => Prisma.sql`${r}.due_date >= ${dueFrom}`);
  if (dueTo) conditions.push((r) => Prisma.sql`${r}.due_date <= ${dueTo}`);
  if (labelContains) conditions.push((r) => likeContains(Prisma.sql`${r}.label`, labelContains));
  return allOf(conditions);
}

builder.queryFields((t) => ({
  batch: t.field({
    type: BatchNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A batch by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the batch." }) },
    resolve: (_root, args, context, info) =>
      rowByKey(batchTable, parseId(args.id, "Batch", "id"), context, info) as never,
  }),
  batches: t.connection({
    type: BatchNode,
    authScopes: { scope: "batch:all" },
    description:
      "Batches, newest first unless ordered otherwise; at most 100 per page, sized by `first` or `last` (one is " +
      "required).",
    args: {
      filter: t.arg({ type: BatchFilter, description: "Only batches meeting these conditions." }),
    },
    resolve: (_root, args, context, info) =>
      listConnection(
        { table: batchTable, where: batchFilterSql(args.filter), order: NEWEST_FIRST(batchTable) },
        args,
        context,
        info,
      ) as never,
  }),
}));
