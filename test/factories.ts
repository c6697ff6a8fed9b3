// Fresh data per test, written through the app's Prisma client. Every factory returns the
// rows it made; tests filter by what they made so they never see each other's data.
import { prisma } from "../src/data/db.ts";
import type { StatusCategory } from "../src/generated/prisma/enums.ts";
import { encodeGlobalId } from "../src/graphql/ids.ts";

let sequence = 0;
const next = () => ++sequence;

export const globalId = encodeGlobalId;

export async function createLocation(label = `Location ${next()}`) {
  return prisma.location.create({ data: { label, formattedAddress: `${label}\n1 Main St` } });
}

export async function createWorkOrder(options: { dueDate?: Date | null; locationId?: number } = {}) {
  const n = next();
  const locationId = options.locationId ?? (await createLocation()).id;
  const customer = await prisma.customer.create({ data: { label: `Customer ${n}` } });
  const program = await prisma.program.create({ data: { label: `Program ${n}`, customerId: customer.id } });
  const project = await prisma.project.create({
    data: { label: `Project ${n}`, programId: program.id, customerId: customer.id },
  });
  return prisma.workOrder.create({
    data: {
      label: `Work order ${n}`,
      projectId: project.id,
      locationId,
      dueDate: options.dueDate === undefined ? new Date("2027-01-01T00:00:00Z") : options.dueDate,
    },
  });
}

export async function createQueue(locationId?: number) {
  const location = locationId ?? (await createLocation()).id;
  return prisma.queue.create({ data: { label: `Queue ${next()}`, locationId: location } });
}

export interface BatchOptions {
  queueId: number;
  workOrderId: number;
  label?: string;
  numberCycles?: number;
  category?: StatusCategory;
  dueDate?: Date | null;
  createdAt?: Date;
}

/** A batch with its cycles, all PENDING unless given a category. */
export async function createBatch(options: BatchOptions) {
  const queue = await prisma.queue.findUniqueOrThrow({ where: { id: options.queueId } });
  const numberCycles = options.numberCycles ?? 3;
  const batch = await prisma.batch.create({
    data: {
      label: options.label ?? `Batch ${next()}`,
      numberCycles,
      statusCategory: options.category ?? "PENDING",
      queueId: options.queueId,
      workOrderId: options.workOrderId,
      locationId: queue.locationId,
      dueDate: options.dueDate,
      createdAt: options.createdAt,
    },
  });
  await prisma.cycle.createMany({
    data: Array.from({ length: numberCycles }, (_, i) => ({
      label: `${batch.label} #${i + 1}`,
      position: i + 1,
      batchId: batch.id,
      workOrderId: batch.workOrderId,
      locationId: batch.locationId,
    })),
  });
  return batch;
}

/** A queue and work order with `count` batches, created one second apart (oldest first). */
export async function createBatches(count: number, options: Partial<BatchOptions> = {}) {
  const location = await createLocation();
  const queue = await createQueue(location.id);
  const workOrder = await createWorkOrder({ locationId: location.id });
  const start = Date.parse("2026-03-01T00:00:00Z");
  const batches = [];
  for (let i = 0; i < count; i++) {
    batches.push(
      await createBatch({
        queueId: queue.id,
        workOrderId: workOrder.id,
        createdAt: new Date(start + i * 1000),
        ...options,
      }),
    );
  }
  return { location, queue, workOrder, batches };
}
