import type { LetterBatch } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { manyConnection, toOne } from "../../data/planner/fields.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { LetterNode } from "./letter.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { batchLetters, letterBatchTable } from "./tables.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

export const LetterBatchNode = builder.loadableNode("LetterBatch", {
  ...tableBacked(letterBatchTable, readScope("letters:read")),
  description:
    "A batch of letters the print supplier prints and posts together with one specification; its status is moved " +
    "as a whole with updateLetterBatchStatus.",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<LetterBatch>(letterBatchTable, ids),
  sort: (batch) => batch.id,
  fields: (t) => ({
    specificationId: t.exposeString("specificationId", {
      description:
        "The letter specification (paper, envelope, inserts) the batch is printed with, e.g. standard-a4-c5.",
    }),
    groupId: t.exposeString("groupId", {
      nullable: true,
      description: "The sender's grouping of batches, e.g. a campaign; null when none.",
    }),
    status: t.expose("status", { type: LetterStatusEnum, description: "Where the batch stands as a whole." }),
    reasonCode: t.exposeString("reasonCode", {
      nullable: true,
      description: "The supplier's code for why the batch is in its status, when given.",
    }),
    reasonText: t.exposeString("reasonText", {
      nullable: true,
      description: "Why the batch is in its status, in words, when given.",
    }),
    letters: t.connection({
      type: LetterNode,
      description:
        "The letters of the batch in the order they were received; at most 100 per page, sized by `first` or " +
        "`last` (one is required).",
      ...manyConnection(letterBatchTable, batchLetters),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the supplier received the batch." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the batch last changed." }),
  }),
});

builder.objectField(LetterNode, "batch", (t) =>
  t.field({
    type: LetterBatchNode,
    description: "The batch the letter belongs to.",
    ...toOne(letterBatchTable, "batchId"),
  }),
);
