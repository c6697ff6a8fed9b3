// Submitting a batch: checked in memory, then stored INITIALISING with its requests and a
// PENDING process status in one recorded transaction; the executor finishes the process later.
import { prisma } from "../../data/db.ts";
import { Prisma, type ProcessStatus, type ProvisioningBatch } from "../../generated/prisma/client.ts";
import type { ProvisioningBatchType } from "../../generated/prisma/enums.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import { recorded, type Tx } from "../processes/mutation-kit.ts";
import { notifyProvisioningChange } from "./changes.ts";
import { type RequestInput, checkRequests } from "./validation.ts";

/** A batch left unfinished this long is reported TIMEOUT by its process status. */
const BATCH_DEADLINE_MS = 60 * 60_000;

type Checked = ReturnType<typeof checkRequests>;

async function storeBatch(tx: Tx, type: ProvisioningBatchType, checked: Checked) {
  const batch = await tx.provisioningBatch.create({ data: { type } });
  await tx.provisioningRequest.createMany({
    data: checked.map((request) => ({
      ...request,
      batchId: batch.id,
      body: (request.body ?? Prisma.DbNull) as Prisma.InputJsonValue,
    })),
  });
  return { batch };
}

/** The batch names its process status, which the executor finishes. */
async function linkStatus(tx: Tx, stored: Awaited<ReturnType<typeof storeBatch>>, processStatus: ProcessStatus) {
  const batch = await tx.provisioningBatch.update({
    where: { id: stored.batch.id },
    data: { processStatusId: processStatus.id },
  });
  return { batch };
}

export function submitBatch(type: ProvisioningBatchType, requests: readonly RequestInput[]) {
  const checked = checkRequests(type, requests);
  const approved = checked.filter((request) => request.status === "APPROVED").length;
  const process = {
    eventType: "SUBMIT_PROVISIONING_BATCH",
    entityId: (stored: { batch: ProvisioningBatch }) => encodeGlobalId("ProvisioningBatch", stored.batch.id),
    description: `${type} provisioning batch of ${checked.length} requests (${approved} approved)`,
    deadlineMs: BATCH_DEADLINE_MS,
    linkStatus,
    afterCommit: ({ batch }: { batch: ProvisioningBatch }) =>
      notifyProvisioningChange({ batchId: batch.id, eventIds: [], processStatusId: batch.processStatusId! }),
  };
  return recorded(process, (tx: Tx) => storeBatch(tx, type, checked));
}

/**
 * Removes batches (their requests and events go with them) created before `cutoff`; readers
 * stopped seeing them at the cutoff.
 */
export async function removeBatchesCreatedBefore(cutoff: Date): Promise<number> {
  const { count } = await prisma.provisioningBatch.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return count;
}
