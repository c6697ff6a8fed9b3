// Which provisioning batches still exist for readers: one created longer than
// PROVISIONING_RETENTION ago is gone everywhere — by id, node/nodes, lists and their counts,
// nested under events and requests, live updates — even before the purge deletes it (hourly,
// and once at start), as expired process statuses are (src/domains/processes/retention.ts).
import type { Prisma } from "../../generated/prisma/client.ts";
import { provisioningConfig } from "./config.ts";

/** Created before this instant means expired. */
export function batchRetentionCutoff(now = new Date()): Date {
  return new Date(now.getTime() - provisioningConfig.retentionMs);
}

/** The condition a provisioning batch meets while it has not expired. */
export function liveBatchWhere(now = new Date()): Prisma.ProvisioningBatchWhereInput {
  return { createdAt: { gte: batchRetentionCutoff(now) } };
}

/** Requests and events exist while their batch does. */
export function ofLiveBatch(now = new Date()): { batch: Prisma.ProvisioningBatchWhereInput } {
  return { batch: liveBatchWhere(now) };
}
