import { prisma } from "../db.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { keysetConnection, listOf } from "../graphql/pagination.ts";
import { LetterNode } from "./letter.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { letterCountLoader, lettersPageLoader } from "./loaders.ts";
import { readScope } from "../auth/type-scopes.ts";

export const LetterBatchNode = builder.loadableNode("LetterBatch", {
  ...readScope("letters:read"),
  description:
    "A batch of letters the print supplier prints and posts together with one specification; its status is moved as a whole with updateLetterBatchStatus.",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => prisma.letterBatch.findMany({ where: { id: { in: ids } } }),
  sort: (batch) => batch.id,
  // Batches listed in a page answer their letters' `batch` without another query.
  cacheResolved: (batch) => batch.id,
  fields: (t) => ({
    specificationId: t.exposeString("specificationId", {
      description: "The letter specification (paper, envelope, inserts) the batch is printed with, e.g. standard-a4-c5.",
    }),
    groupId: t.exposeString("groupId", { nullable: true, description: "The sender's grouping of batches, e.g. a campaign; null when none." }),
    status: t.field({ type: LetterStatusEnum, description: "Where the batch stands as a whole.", resolve: (batch) => batch.status }),
    reasonCode: t.exposeString("reasonCode", { nullable: true, description: "The supplier's code for why the batch is in its status, when given." }),
    reasonText: t.exposeString("reasonText", { nullable: true, description: "Why the batch is in its status, in words, when given." }),
    letters: t.connection({
      type: LetterNode,
      description: "The letters of the batch in the order they were received; at most 100 per page (default 20).",
      resolve: (batch, args, context, info) =>
        keysetConnection(args, (page) => lettersPageLoader(context, page).load({ batchId: batch.id, page }), {
          ordering: { list: listOf(info), order: "letter:id", valueType: "integer" },
          sortValue: (letter) => letter.id,
          id: (letter) => letter.id,
          totalCount: () => letterCountLoader(context).load(batch.id),
        }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the supplier received the batch." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the batch last changed." }),
  }),
});

builder.objectField(LetterNode, "batch", (t) =>
  t.field({ type: LetterBatchNode, description: "The batch the letter belongs to.", resolve: (letter) => letter.batchId }),
);
