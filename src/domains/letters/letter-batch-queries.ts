// Root reads of letter batches: one by id, and the newest-first list filtered by status.
import { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { parseId } from "../../graphql/ids.ts";
import { rowByKey } from "../../data/planner/fields.ts";
import { orderOf } from "../../data/planner/order.ts";
import { listConnection } from "../../data/planner/run.ts";
import { LetterBatchNode } from "./letter-batch.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { letterBatchTable } from "./tables.ts";

const NEWEST_FIRST = orderOf(letterBatchTable, [{ field: "createdAt", direction: "desc" }]);

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
    resolve: (_root, args, context, info) =>
      rowByKey(letterBatchTable, parseId(args.id, "LetterBatch", "id"), context, info) as never,
  }),
  letterBatches: t.connection({
    type: LetterBatchNode,
    authScopes: { scope: "letters:read" },
    description: "Letter batches, newest first; at most 100 per page, sized by `first` or `last` (one is required).",
    args: { filter: t.arg({ type: LetterBatchFilter, description: "Only batches meeting these conditions." }) },
    resolve: (_root, args, context, info) => {
      const status = args.filter?.status;
      const where = (a: string) =>
        status ? Prisma.sql`${Prisma.raw(a)}.status = ${status}::letter_status` : Prisma.sql`TRUE`;
      return listConnection({ table: letterBatchTable, where, order: NEWEST_FIRST }, args, context, info) as never;
    },
  }),
}));
