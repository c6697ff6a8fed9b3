// Root reads of batches: one by id, and the filtered, ordered, keyset-paginated list.
import { builder } from "../graphql/builder.ts";
import { parseId } from "../graphql/ids.ts";
import { BatchNode } from "./batch.ts";
import { batchFilterSql, batchPage } from "./batch-page.ts";
import { NEWEST_FIRST, OrderDirection, sortSpec } from "./ordering.ts";
import { StatusCategoryEnum } from "./status.ts";

const BatchOrderField = builder.enumType("BatchOrderField", {
  description: "What batches can be ordered by; ties are broken by id.",
  values: {
    CREATED_AT: { value: "createdAt", description: "Creation time." },
    UPDATED_AT: { value: "updatedAt", description: "Time of the last change." },
    DUE_DATE: { value: "dueDate", description: "Due date of the work order (batches without one come last)." },
    LABEL: { value: "label", description: "Label, alphabetically." },
  } as const,
});

const BatchOrder = builder.inputType("BatchOrder", {
  description: "Ordering of a batch list.",
  fields: (t) => ({
    field: t.field({ type: BatchOrderField, required: true, description: "The field to order by." }),
    direction: t.field({ type: OrderDirection, defaultValue: "asc", description: "The direction; ASC by default." }),
  }),
});

export const BatchFilter = builder.inputType("BatchFilter", {
  description: "Conditions a batch must meet; all given conditions apply.",
  fields: (t) => ({
    queueIds: t.idList({ description: "Only batches in one of these queues." }),
    workOrderIds: t.idList({ description: "Only batches of one of these work orders." }),
    statusCategories: t.field({ type: [StatusCategoryEnum], description: "Only batches whose status is in one of these categories." }),
    dueFrom: t.field({ type: "DateTime", description: "Only batches due at or after this time." }),
    dueTo: t.field({ type: "DateTime", description: "Only batches due at or before this time." }),
    labelContains: t.string({ description: "Only batches whose label contains this text (case-insensitive)." }),
  }),
});

builder.queryFields((t) => ({
  batch: t.field({
    type: BatchNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description: "A batch by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the batch." }) },
    resolve: (_root, args) => parseId(args.id, "Batch", "id"),
  }),
  batches: t.connection({
    type: BatchNode,
    authScopes: { scope: "batch:all" },
    description: "Batches, newest first unless ordered otherwise; at most 100 per page, sized by `first` or `last` (one is required).",
    args: {
      filter: t.arg({ type: BatchFilter, description: "Only batches meeting these conditions." }),
      orderBy: t.arg({ type: BatchOrder, description: "Ordering; newest first (CREATED_AT DESC) by default." }),
    },
    // One statement for the page and what the selection reads below it (batch-page.ts).
    resolve: (_root, args, context, info) => batchPage(args, batchFilterSql(args.filter), sortSpec(args.orderBy, NEWEST_FIRST), context, info),
  }),
}));
