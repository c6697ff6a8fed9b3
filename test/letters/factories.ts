// Letter batches with letters and their history, written through the app's Prisma client.
import { prisma } from "../../src/data/db.ts";
import type { LetterStatus } from "../../src/generated/prisma/enums.ts";

let sequence = 0;

export interface LetterBatchOptions {
  status?: LetterStatus;
  letters?: number;
  /** Statuses of the first letters, where they differ from the batch's. */
  letterStatuses?: LetterStatus[];
  createdAt?: Date;
  specificationId?: string;
}

/** A batch whose letters each have one history row: the status they are in. */
export async function createLetterBatch(options: LetterBatchOptions = {}) {
  const status = options.status ?? "PENDING";
  const batch = await prisma.letterBatch.create({
    data: { specificationId: options.specificationId ?? `spec-${++sequence}`, status, createdAt: options.createdAt },
  });
  const statuses = Array.from({ length: options.letters ?? 3 }, (_, i) => options.letterStatuses?.[i] ?? status);
  const letters = await prisma.letter.createManyAndReturn({
    data: statuses.map((letterStatus) => ({ batchId: batch.id, status: letterStatus })),
  });
  letters.sort((a, b) => a.id - b.id);
  await prisma.letterStatusChange.createMany({
    data: letters.map((letter) => ({
      letterId: letter.id,
      status: letter.status,
      createdAt: new Date(Date.now() - 60_000),
    })),
  });
  return { batch, letters };
}

/** `count` batches created one minute apart, oldest first, newer than any other test's batches. */
export async function createLetterBatches(count: number, options: LetterBatchOptions = {}) {
  const specificationId = options.specificationId ?? `spec-${++sequence}`;
  const start = Date.parse("2030-01-01T00:00:00Z") + sequence * 86_400_000;
  const made = [];
  for (let i = 0; i < count; i++) {
    made.push(await createLetterBatch({ ...options, specificationId, createdAt: new Date(start + i * 60_000) }));
  }
  return made.map((entry) => entry.batch);
}
