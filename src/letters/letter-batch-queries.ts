// Root reads of letter batches: one by id, and the newest-first list filtered by status.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId } from "../graphql/ids.ts";
import { keysetQuery, type SortSpec } from "../graphql/keyset.ts";
import { keysetConnection } from "../graphql/pagination.ts";
import { LetterBatchNode } from "./letter-batch.ts";
import { LetterStatusEnum } from "./letter-status.ts";

const LetterBatchFilter = builder.inputType("LetterBatchFilter", {
  description: "Conditions a letter batch must meet; all given conditions apply.",
  fields: (t) => ({
    status: t.field({ type: LetterStatusEnum, description: "Only batches in this status." }),
  }),
});

const newestFirst: SortSpec = { field: "createdAt", direction: "desc", parse: (value) => new Date(value) };

builder.queryFields((t) => ({
  letterBatch: t.field({
    type: LetterBatchNode,
    nullable: true,
    authScopes: { scope: "letters:read" },
    description: "A letter batch by its id; null when it does not exist.",
    args: { id: t.arg.id({ required: true, description: "Global id of the letter batch." }) },
    resolve: (_root, args) => parseId(args.id, "LetterBatch", "id"),
  }),
  letterBatches: t.connection({
    type: LetterBatchNode,
    authScopes: { scope: "letters:read" },
    description: "Letter batches, newest first; at most 100 per page (default 20).",
    args: { filter: t.arg({ type: LetterBatchFilter, description: "Only batches meeting these conditions." }) },
    resolve: (_root, args) => {
      const where: Prisma.LetterBatchWhereInput = args.filter?.status ? { status: args.filter.status } : {};
      return keysetConnection(
        args,
        (page) => {
          const query = keysetQuery(newestFirst, page);
          return prisma.letterBatch.findMany({ ...query, where: { AND: [where, query.where] } } as Prisma.LetterBatchFindManyArgs);
        },
        {
          order: "createdAt:desc",
          sortValue: (batch) => batch.createdAt.toISOString(),
          id: (batch) => batch.id,
          totalCount: () => prisma.letterBatch.count({ where }),
        },
      );
    },
  }),
}));
