// A batch's cycles: counted by status category, and paged with an optional status filter.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Batch, StatusCategory } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { enumArray } from "../../../data/sql.ts";
import { computed, manyConnection } from "../../../data/planner/fields.ts";
import type { ManyRelation } from "../../../data/planner/plan.ts";
import { BatchNode } from "./batch.ts";
import { CycleNode } from "../cycle/cycle.ts";
import { cycleCounts } from "../loaders.ts";
import { type CategoryCounts, CycleCountsRef, emptyCounts } from "../catalog/status-counts.ts";
import { StatusCategoryEnum } from "../catalog/status.ts";
import { batchCycles, batchTable } from "../tables.ts";

export const BatchCycleFilter = builder.inputType("BatchCycleFilter", {
  description: "Conditions a batch's cycle must meet.",
  fields: (t) => ({
    status: t.field({
      type: [StatusCategoryEnum],
      description: "Only cycles whose status is in one of these categories.",
    }),
  }),
});

/** The cycles of a batch whose status is in the filter's categories (compared as the enum, on the index). */
const filteredCycles: ManyRelation = {
  ...batchCycles,
  filter: (args, alias) => {
    const categories = (args.filter as { status?: readonly StatusCategory[] | null } | null | undefined)?.status;
    return categories
      ? Prisma.sql`${alias}.status_category = ANY(${enumArray(categories, "status_category")})`
      : undefined;
  },
};

builder.objectFields(BatchNode, (t) => ({
  cycleCounts: t.field({
    type: CycleCountsRef,
    description: "The batch's cycles counted by status category, with how many it needs.",
    ...computed<Batch, CategoryCounts, { counts: CategoryCounts; needed: number }>({
      reads: ["numberCycles"],
      sql: (alias) => Prisma.sql`(SELECT coalesce(json_object_agg(k.category, k.n), '{}') FROM (
        SELECT c.status_category AS category, count(*)::int AS n FROM cycle c WHERE c.batch_id = ${alias}.id GROUP BY 1) k)`,
      decode: (json) => ({ ...emptyCounts(), ...(json as Partial<CategoryCounts>) }),
      load: (batch, _args, context) => cycleCounts(context).load(batch.id),
      finish: (counts, batch) => ({ counts, needed: batch.numberCycles }),
    }),
  }),
  cycles: t.connection({
    type: CycleNode,
    description:
      "The batch's cycles in the order they were created; at most 100 per page, sized by `first` or `last` (one is " +
      "required).",
    args: { filter: t.arg({ type: BatchCycleFilter, description: "Only cycles meeting these conditions." }) },
    ...manyConnection(batchTable, filteredCycles),
  }),
}));
