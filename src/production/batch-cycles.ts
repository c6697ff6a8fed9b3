// A batch's cycles: counts by category and a keyset page per batch, both batched across
// every batch of the request (one GROUP BY, one LATERAL statement).
import { type Cycle, Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { listOf } from "../graphql/pagination.ts";
import { readAhead } from "../graphql/read-ahead.ts";
import { pageRowFields } from "../graphql/selection.ts";
import { BatchNode } from "./batch.ts";
import { CYCLE_FIELD_READS, CycleNode } from "./cycle.ts";
import { cycleCounts, cyclePages } from "./loaders.ts";
import { type ReadAheadPage, type WindowRow, parentConnection } from "./parent-loaders.ts";
import { type CategoryCounts, CycleCountsRef, totalOf } from "./status-counts.ts";
import { StatusCategoryEnum } from "./status.ts";

export const BatchCycleFilter = builder.inputType("BatchCycleFilter", {
  description: "Conditions a batch's cycle must meet.",
  fields: (t) => ({
    status: t.field({ type: [StatusCategoryEnum], description: "Only cycles whose status is in one of these categories." }),
  }),
});

builder.objectFields(BatchNode, (t) => ({
  cycleCounts: t.field({
    type: CycleCountsRef,
    description: "The batch's cycles counted by status category, with how many it needs.",
    resolve: (batch, _args, context) => {
      const counts = readAhead<CategoryCounts>(batch, "counts");
      const needed = batch.numberCycles;
      return counts ? { counts, needed } : cycleCounts(context).load(batch.id).then((loaded) => ({ counts: loaded, needed }));
    },
  }),
  cycles: t.connection({
    type: CycleNode,
    description: "The batch's cycles in the order they were created; at most 100 per page (default 20).",
    args: { filter: t.arg({ type: BatchCycleFilter, description: "Only cycles meeting these conditions." }) },
    resolve: (batch, args, context, info) => {
      const categories = args.filter?.status ?? null;
      const filter = categories
        ? Prisma.sql`r.status_category::text = ANY(${categories}::text[])`
        : Prisma.sql`TRUE`;
      // The counts by category already answer totalCount, filtered or not.
      const counts = readAhead<CategoryCounts>(batch, "counts");
      const totalCount = counts ? totalOf(counts, categories) : async () => totalOf(await cycleCounts(context).load(batch.id), categories);
      const fields = pageRowFields(info, info.fieldNodes, CYCLE_FIELD_READS);
      const key = { parentId: batch.id, filter, filterKey: JSON.stringify(categories), fields };
      const ahead = readAhead<ReadAheadPage<Cycle & WindowRow>>(batch, "cycles");
      return parentConnection(listOf(info), args, cyclePages(context), key, totalCount, ahead);
    },
  }),
}));
