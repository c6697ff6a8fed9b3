// Per-request batched reads under letter batches: one page of letters for every batch in a
// list in a single windowed statement, their counts in one grouped statement, and every
// letter's status history in one statement.
import { createContextCache } from "@pothos/core";
import DataLoader from "dataloader";
import { prisma } from "../db.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Letter, LetterStatusChange } from "../generated/prisma/client.ts";
import type { PageRequest } from "../graphql/pagination.ts";

interface LetterPageKey {
  batchId: number;
  page: PageRequest;
}

const pageSignature = (page: PageRequest) => JSON.stringify([page.after?.id, page.before?.id, page.limit, page.inverted]);

/** One page per batch: letters in id order, after/before the cursor ids, `limit` per batch. */
async function letterPages(keys: readonly LetterPageKey[]): Promise<Letter[][]> {
  const { page } = keys[0]!; // every key of one loader shares the page (see lettersPageLoader)
  const direction = Prisma.raw(page.inverted ? "DESC" : "ASC");
  const batchIds = keys.map((key) => key.batchId);
  const rows = await prisma.$queryRaw<Letter[]>`
    SELECT id, batch_id AS "batchId", status, reason_code AS "reasonCode", reason_text AS "reasonText",
      created_at AS "createdAt", updated_at AS "updatedAt"
    FROM (SELECT l.*, row_number() OVER (PARTITION BY batch_id ORDER BY id ${direction}) AS position
          FROM letter l
          WHERE batch_id = ANY(${batchIds}::int[]) AND id > ${page.after?.id ?? 0} AND id < ${page.before?.id ?? 2 ** 31 - 1}) w
    WHERE position <= ${page.limit}
    ORDER BY id ${direction}`;
  return batchIds.map((batchId) => rows.filter((row) => row.batchId === batchId));
}

const pageLoaders = createContextCache(() => new Map<string, DataLoader<LetterPageKey, Letter[]>>());

/** The loader for one page shape; batches asking for the same page share it. */
export function lettersPageLoader(context: object, page: PageRequest) {
  const loaders = pageLoaders(context);
  const signature = pageSignature(page);
  let loader = loaders.get(signature);
  if (!loader) loaders.set(signature, (loader = new DataLoader(letterPages, { cacheKeyFn: (key) => key.batchId })));
  return loader;
}

export const letterCountLoader = createContextCache(
  () =>
    new DataLoader<number, number>(async (batchIds) => {
      const groups = await prisma.letter.groupBy({ by: ["batchId"], where: { batchId: { in: [...batchIds] } }, _count: { _all: true } });
      const counts = new Map(groups.map((group) => [group.batchId, group._count._all]));
      return batchIds.map((id) => counts.get(id) ?? 0);
    }),
);

/** Every status change of the letters, oldest first, grouped per letter in key order. */
export async function statusHistories(letterIds: readonly number[]): Promise<LetterStatusChange[][]> {
  const changes = await prisma.letterStatusChange.findMany({
    where: { letterId: { in: [...letterIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return letterIds.map((id) => changes.filter((change) => change.letterId === id));
}
