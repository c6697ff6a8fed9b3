// Submitting a batch: checked in memory, then stored INITIALISING with its requests and a
// PENDING process status in one transaction; the executor finishes the process later.
import { prisma } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { ProvisioningBatchType } from "../generated/prisma/enums.ts";
import { encodeGlobalId } from "../graphql/ids.ts";
import { startProcess } from "../processes/recorder.ts";
import { notifyProvisioningChange } from "./changes.ts";
import { TRANSACTION_OPTIONS } from "./config.ts";
import { type RequestInput, checkRequests } from "./validation.ts";

/** A batch left unfinished this long is reported TIMEOUT by its process status. */
const BATCH_DEADLINE_MS = 60 * 60_000;

export async function submitBatch(type: ProvisioningBatchType, requests: readonly RequestInput[]) {
  const checked = checkRequests(type, requests);
  const stored = await prisma.$transaction(async (tx) => {
    const batch = await tx.provisioningBatch.create({ data: { type } });
    await tx.provisioningRequest.createMany({
      data: checked.map((request) => ({ ...request, batchId: batch.id, body: (request.body ?? Prisma.DbNull) as Prisma.InputJsonValue })),
    });
    const approved = checked.filter((request) => request.status === "APPROVED").length;
    const processStatus = await startProcess(tx, {
      eventType: "SUBMIT_PROVISIONING_BATCH",
      entityId: encodeGlobalId("ProvisioningBatch", batch.id),
      description: `${type} provisioning batch of ${checked.length} requests (${approved} approved)`,
      deadlineMs: BATCH_DEADLINE_MS,
    });
    const updated = await tx.provisioningBatch.update({ where: { id: batch.id }, data: { processStatusId: processStatus.id } });
    return { batch: updated, processStatus };
  }, TRANSACTION_OPTIONS);
  notifyProvisioningChange({ batchId: stored.batch.id, eventIds: [], processStatusId: stored.processStatus.id });
  return stored;
}

/**
 * Removes batches (their requests and events go with them) created before `cutoff`; readers
 * stopped seeing them at the cutoff.
 */
export async function removeBatchesCreatedBefore(cutoff: Date): Promise<number> {
  const { count } = await prisma.provisioningBatch.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
