// Counts by status category, as the production API reports them for batches, queues and
// analysts: the six categories plus active (still to do) and inActive (done either way).
import type { StatusCategory } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";

export type CategoryCounts = Record<StatusCategory, number>;

export const ACTIVE_CATEGORIES: StatusCategory[] = ["PENDING", "IN_PROGRESS", "VERIFYING", "BLOCKED"];

export function emptyCounts(): CategoryCounts {
  return { PENDING: 0, IN_PROGRESS: 0, VERIFYING: 0, COMPLETE: 0, CANCELLED: 0, BLOCKED: 0 };
}

export function totalOf(counts: CategoryCounts, categories?: readonly StatusCategory[] | null): number {
  const wanted = categories ?? (Object.keys(counts) as StatusCategory[]);
  return wanted.reduce((sum, category) => sum + counts[category], 0);
}

export const CategoryCountsRef = builder.interfaceRef<{ counts: CategoryCounts }>("CategoryCounts").implement({
  description: "How many items are in each status category.",
  fields: (t) => ({
    pending: t.int({ description: "Items whose status is in the PENDING category.", resolve: (p) => p.counts.PENDING }),
    inProgress: t.int({ description: "Items IN_PROGRESS.", resolve: (p) => p.counts.IN_PROGRESS }),
    verifying: t.int({ description: "Items VERIFYING.", resolve: (p) => p.counts.VERIFYING }),
    complete: t.int({ description: "Items COMPLETE.", resolve: (p) => p.counts.COMPLETE }),
    blocked: t.int({ description: "Items BLOCKED.", resolve: (p) => p.counts.BLOCKED }),
    cancelled: t.int({ description: "Items CANCELLED.", resolve: (p) => p.counts.CANCELLED }),
    active: t.int({
      description: "Items still to be done: pending + inProgress + verifying + blocked.",
      resolve: (p) => totalOf(p.counts, ACTIVE_CATEGORIES),
    }),
    inActive: t.int({
      description: "Items finished either way: complete + cancelled.",
      resolve: (p) => p.counts.COMPLETE + p.counts.CANCELLED,
    }),
  }),
});

export const CycleCountsRef = builder.objectRef<{ counts: CategoryCounts; needed: number }>("CycleCounts").implement({
  description: "A batch's cycles counted by status category.",
  interfaces: [CategoryCountsRef],
  fields: (t) => ({
    needed: t.exposeInt("needed", { description: "How many cycles the batch needs (its numberCycles)." }),
  }),
});

export const StatusCountsRef = builder.objectRef<{ counts: CategoryCounts }>("StatusCounts").implement({
  description: "Items counted by status category.",
  interfaces: [CategoryCountsRef],
  fields: (t) => ({
    total: t.int({ description: "All items, whatever their status.", resolve: (p) => totalOf(p.counts) }),
  }),
});
