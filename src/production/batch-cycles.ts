// A batch's cycles: counts by category and a keyset page per batch, both batched across
// every batch of the request (one GROUP BY, one LATERAL statement).
import { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { pageRowFields } from "../graphql/selection.ts";
import { BatchNode } from "./batch.ts";
import { CYCLE_FIELD_READS, CycleNode } from "./cycle.ts";
import { cycleCounts, cyclePages } from "./loaders.ts";
import { parentConnection } from "./parent-loaders.ts";
import { CycleCountsRef, totalOf } from "./status-counts.ts";
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
    resolve: async (batch, _args, context) => ({ counts: await cycleCounts(context).load(batch.id), needed: batch.numberCycles }),
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
      const totalCount = async () => totalOf(await cycleCounts(context).load(batch.id), categories);
      const fields = pageRowFields(info, info.fieldNodes, CYCLE_FIELD_READS);
      return parentConnection(args, cyclePages(context), { parentId: batch.id, filter, filterKey: JSON.stringify(categories), fields }, totalCount);
    },
  }),
}));
