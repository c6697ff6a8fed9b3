import type { Letter, LetterStatusChange } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { manyList } from "../../data/planner/fields.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { letterHistory, letterStatusChangeTable, letterTable } from "./tables.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

export const LetterStatusChangeRef = builder.objectRef<LetterStatusChange>("LetterStatusChange").implement({
  ...tableBacked(letterStatusChangeTable),
  description: "One step in a letter's life: the status it entered, when, and why.",
  fields: (t) => ({
    status: t.expose("status", { type: LetterStatusEnum, description: "The status the letter entered." }),
    reasonCode: t.exposeString("reasonCode", {
      nullable: true,
      description: "The supplier's code for why, when one was given.",
    }),
    reasonText: t.exposeString("reasonText", { nullable: true, description: "Why, in words, when given." }),
    changedAt: t.expose("createdAt", { type: "DateTime", description: "When the letter entered the status." }),
  }),
});

export const LetterNode = builder.loadableNode("Letter", {
  ...tableBacked(letterTable, readScope("letters:read")),
  description: "One letter of a letter batch, printed and posted by the supplier; it moves with its batch.",
  id: { resolve: (letter) => letter.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Letter>(letterTable, ids),
  sort: (letter) => letter.id,
  fields: (t) => ({
    status: t.expose("status", { type: LetterStatusEnum, description: "Where the letter stands now." }),
    reasonCode: t.exposeString("reasonCode", {
      nullable: true,
      description:
        "The supplier's code for why the letter is in its status (e.g. R07 for a rejected address), when given.",
    }),
    reasonText: t.exposeString("reasonText", {
      nullable: true,
      description: "Why the letter is in its status, in words, when given.",
    }),
    statusHistory: t.field({
      type: [LetterStatusChangeRef],
      description: "Every status the letter has entered, oldest first, ending with its current one.",
      ...manyList(letterTable, letterHistory),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the supplier received the letter." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the letter's status last changed." }),
  }),
});
