import { prisma } from "../db.ts";
import type { LetterStatusChange } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { LetterStatusEnum } from "./letter-status.ts";
import { statusHistories } from "./loaders.ts";
import { readScope } from "../auth/type-scopes.ts";

export const LetterStatusChangeRef = builder.objectRef<LetterStatusChange>("LetterStatusChange").implement({
  description: "One step in a letter's life: the status it entered, when, and why.",
  fields: (t) => ({
    status: t.field({ type: LetterStatusEnum, description: "The status the letter entered.", resolve: (change) => change.status }),
    reasonCode: t.exposeString("reasonCode", { nullable: true, description: "The supplier's code for why, when one was given." }),
    reasonText: t.exposeString("reasonText", { nullable: true, description: "Why, in words, when given." }),
    changedAt: t.expose("createdAt", { type: "DateTime", description: "When the letter entered the status." }),
  }),
});

export const LetterNode = builder.loadableNode("Letter", {
  ...readScope("letters:read"),
  description: "One letter of a letter batch, printed and posted by the supplier; it moves with its batch.",
  id: { resolve: (letter) => letter.id, parse: parseRawId },
  load: (ids: number[]) => prisma.letter.findMany({ where: { id: { in: ids } } }),
  sort: (letter) => letter.id,
  fields: (t) => ({
    status: t.field({ type: LetterStatusEnum, description: "Where the letter stands now.", resolve: (letter) => letter.status }),
    reasonCode: t.exposeString("reasonCode", {
      nullable: true,
      description: "The supplier's code for why the letter is in its status (e.g. R07 for a rejected address), when given.",
    }),
    reasonText: t.exposeString("reasonText", { nullable: true, description: "Why the letter is in its status, in words, when given." }),
    statusHistory: t.loadableList({
      type: LetterStatusChangeRef,
      description: "Every status the letter has entered, oldest first, ending with its current one.",
      load: (letterIds: number[]) => statusHistories(letterIds),
      resolve: (letter) => letter.id,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the supplier received the letter." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the letter's status last changed." }),
  }),
});
