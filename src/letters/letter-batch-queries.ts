// Root reads of letter batches: one by id, and the newest-first list filtered by status.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId } from "../graphql/ids.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
import { LetterBatchNode } from "./letter-batch.ts";
import { LetterStatusEnum } from "./letter-status.ts";

const LetterBatchFilter = builder.inputType("LetterBatchFilter", {
  description: "Conditions a letter batch must meet; all given conditions apply.",
  fields: (t) => ({
    status: t.field({ type: LetterStatusEnum, description: "Only batches in this status." }),
  }),
});

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
    resolve: (_root, args, _context, info) => {
      const where: Prisma.LetterBatchWhereInput = args.filter?.status ? { status: args.filter.status } : {};
      return createdAtConnection(
        listOf(info),
        args,
        "desc",
        (page) => prisma.letterBatch.findMany({ ...page, where: { AND: [where, page.where] } } as Prisma.LetterBatchFindManyArgs),
        () => prisma.letterBatch.count({ where }),
      );
    },
  }),
}));
