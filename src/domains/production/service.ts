// Multi-step writes of the production domain. Each function takes the transaction client of
// a runRecorded call, so a failure at any step leaves nothing written.
import { db } from "../../data/db.ts";
import { type Batch, Prisma } from "../../generated/prisma/client.ts";
import { domainError, notFound } from "../../graphql/errors.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import type { Tx } from "../processes/recorder.ts";
import type { StatusShape } from "./catalog/status.ts";
import { DEFAULT_STATUSES } from "./validation.ts";

async function found<T>(row: Promise<T | null>, message: string, field: string): Promise<T> {
  const value = await row;
  if (value === null) throw notFound(message, field);
  return value;
}

export const findQueue = (tx: Tx, id: number, field: string) =>
  found(tx.queue.findUnique({ where: { id } }), `queue ${encodeGlobalId("Queue", id)} does not exist`, field);

export const findWorkOrder = (tx: Tx, id: number, field: string) =>
  found(
    tx.workOrder.findUnique({ where: { id } }),
    `work order ${encodeGlobalId("WorkOrder", id)} does not exist`,
    field,
  );

/** Every user must exist; the first missing one is named by its position in the input list. */
export async function requireUsers(tx: Tx, userIds: number[], field: string): Promise<void> {
  if (!userIds.length) return;
  const existing = new Set(
    (await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true } })).map((u) => u.id),
  );
  const missing = userIds.findIndex((id) => !existing.has(id));
  if (missing >= 0) {
    throw notFound(`user ${encodeGlobalId("User", userIds[missing]!)} does not exist`, `${field}[${missing}]`);
  }
}

export interface NewBatches {
  queue: { id: number; locationId: number };
  workOrder: { id: number; dueDate: Date | null };
  batches: { label: string; order?: string | null; status?: StatusShape | null }[];
  numberCycles: number;
  userIds: number[];
}

/** Writes the batches, their PENDING cycles and their techs with one statement each. */
export async function createBatches(tx: Tx, input: NewBatches): Promise<Batch[]> {
  const batches = await tx.batch.createManyAndReturn({
    data: input.batches.map((batch) => ({
      label: batch.label,
      order: batch.order ?? undefined,
      ...batch.status,
      numberCycles: input.numberCycles,
      queueId: input.queue.id,
      workOrderId: input.workOrder.id,
      locationId: input.queue.locationId,
      dueDate: input.workOrder.dueDate,
    })),
  });
  const ids = batches.map((batch) => batch.id);
  await addPendingCycles(tx, ids, input.numberCycles);
  await assignTechs(tx, ids, input.userIds);
  return batches;
}

/** Appends `count` PENDING cycles to each batch, numbered after its last cycle. */
function addPendingCycles(tx: Tx, batchIds: number[], count: number) {
  return tx.$executeRaw`
    INSERT INTO cycle (label, position, batch_id, work_order_id, location_id)
    SELECT b.label || ' #' || p, p, b.id, b.work_order_id, b.location_id
    FROM batch b
    CROSS JOIN LATERAL (SELECT coalesce(max(c.position), 0) AS last FROM cycle c WHERE c.batch_id = b.id) m
    CROSS JOIN LATERAL generate_series(m.last + 1, m.last + ${count}::int) p
    WHERE b.id = ANY(${batchIds}::int[])`;
}

/** Cancels the `count` last PENDING cycles; cycles already in flight or finished are never touched. */
async function cancelPendingCycles(tx: Tx, batchId: number, count: number, field: string) {
  const cancelled = DEFAULT_STATUSES.CANCELLED;
  // The outer status check is re-evaluated on rows changed concurrently, so a cycle that just
  // started is skipped (and the shortfall reported) rather than cancelled.
  const changed = await tx.$executeRaw`
    UPDATE cycle SET status_label = ${cancelled.statusLabel}, status_category = 'CANCELLED',
      status_description = NULL, status_order = ${cancelled.statusOrder}, updated_at = now()
    WHERE status_category = 'PENDING' AND id IN (
      SELECT id FROM cycle WHERE batch_id = ${batchId} AND status_category = 'PENDING'
      ORDER BY position DESC LIMIT ${count})`;
  if (changed < count) {
    throw domainError(
      "CONFLICT",
      `numberCycles cannot go down by ${count}: only ${changed} cycles are still PENDING; cycles in progress, verifying, blocked or finished are not cancelled`,
      { field },
    );
  }
}

interface LockedBatch {
  id: number;
  numberCycles: number;
  version: number;
}

/** Locks the batch row until the transaction ends, so concurrent updates apply one after another. */
export async function lockBatch(tx: Tx, id: number, expectedVersion: number | null | undefined, field: string) {
  const [batch] = await tx.$queryRaw<LockedBatch[]>`
    SELECT id, number_cycles AS "numberCycles", version FROM batch WHERE id = ${id} FOR UPDATE`;
  if (!batch) throw notFound(`batch ${encodeGlobalId("Batch", id)} does not exist`, field);
  if (expectedVersion != null && expectedVersion !== batch.version) {
    throw domainError(
      "CONFLICT",
      `batch changed since it was read: version is ${batch.version}, expected ${expectedVersion}`,
      {
        field: "input.expectedVersion",
        currentVersion: batch.version,
      },
    );
  }
  return batch;
}

export interface BatchChanges {
  label?: string | null;
  order?: string | null;
  status?: StatusShape | null;
  numberCycles?: number | null;
}

/** Applies the changes to a locked batch; a new numberCycles adds or cancels PENDING cycles. */
export async function updateBatch(tx: Tx, batch: LockedBatch, changes: BatchChanges, field: string): Promise<Batch> {
  const delta = (changes.numberCycles ?? batch.numberCycles) - batch.numberCycles;
  if (delta > 0) await addPendingCycles(tx, [batch.id], delta);
  if (delta < 0) await cancelPendingCycles(tx, batch.id, -delta, field);
  return tx.batch.update({
    where: { id: batch.id },
    data: {
      label: changes.label ?? undefined,
      order: changes.order ?? undefined,
      ...changes.status,
      numberCycles: changes.numberCycles ?? undefined,
      version: { increment: 1 },
    },
  });
}

/** Bumps the batch's version (its techs or relations changed); NOT_FOUND when it does not exist. */
export async function touchBatch(tx: Tx, id: number, field: string): Promise<Batch> {
  const [batch] = await tx.batch.updateManyAndReturn({ where: { id }, data: { version: { increment: 1 } } });
  if (!batch) throw notFound(`batch ${encodeGlobalId("Batch", id)} does not exist`, field);
  return batch;
}

/** Assigns every user to every batch; users already assigned stay as they are. */
export function assignTechs(tx: Tx, batchIds: number[], userIds: number[]) {
  const data = batchIds.flatMap((batchId) => userIds.map((userId) => ({ batchId, userId })));
  return data.length ? tx.batchTech.createMany({ data, skipDuplicates: true }) : Promise.resolve({ count: 0 });
}

/** The UPDATE giving a cycle its new status, RETURNING it (batch counts are computed from cycles). */
export const cycleStatusUpdate = (id: number, status: StatusShape) => Prisma.sql`
  UPDATE cycle SET status_label = ${status.statusLabel}, status_category = ${status.statusCategory}::status_category,
    status_description = ${status.statusDescription}, status_order = ${status.statusOrder}, updated_at = now()
  WHERE id = ${id} RETURNING *`;

/**
 * The UPDATE applying label, order and status changes to a batch and bumping its version, RETURNING
 * it; with `expectedVersion`, only while the batch still has that version (the row lock the UPDATE
 * takes orders concurrent updates).
 */
export function batchFieldsUpdate(
  id: number,
  changes: Omit<BatchChanges, "numberCycles">,
  expectedVersion?: number | null,
) {
  const set = [Prisma.sql`version = version + 1`, Prisma.sql`updated_at = now()`];
  if (changes.label != null) set.push(Prisma.sql`label = ${changes.label}`);
  if (changes.order != null) set.push(Prisma.sql`"order" = ${changes.order}`);
  if (changes.status) {
    const { statusLabel, statusCategory, statusDescription, statusOrder } = changes.status;
    set.push(
      Prisma.sql`status_label = ${statusLabel}`,
      Prisma.sql`status_category = ${statusCategory}::status_category`,
    );
    set.push(Prisma.sql`status_description = ${statusDescription}`, Prisma.sql`status_order = ${statusOrder}`);
  }
  const version = expectedVersion == null ? Prisma.empty : Prisma.sql` AND version = ${expectedVersion}`;
  return Prisma.sql`UPDATE batch SET ${Prisma.join(set)} WHERE id = ${id}${version} RETURNING *`;
}

/** Why a batch update changed nothing: the batch is gone (NOT_FOUND) or its version moved on (CONFLICT). */
export async function batchUpdateRefusal(id: number, expectedVersion: number | null | undefined, field: string) {
  const [batch] = await db.query<{ version: number }>(Prisma.sql`SELECT version FROM batch WHERE id = ${id}`);
  if (!batch) return notFound(`batch ${encodeGlobalId("Batch", id)} does not exist`, field);
  return domainError(
    "CONFLICT",
    `batch changed since it was read: version is ${batch.version}, expected ${expectedVersion}`,
    {
      field: "input.expectedVersion",
      currentVersion: batch.version,
    },
  );
}

/** One statement: the cycle's new status, or NOT_FOUND. Batch counts are computed from cycles. */
export async function setCycleStatus(tx: Tx, id: number, status: StatusShape, field: string) {
  const [cycle] = await tx.cycle.updateManyAndReturn({ where: { id }, data: status });
  if (!cycle) throw notFound(`cycle ${encodeGlobalId("Cycle", id)} does not exist`, field);
  return cycle;
}
