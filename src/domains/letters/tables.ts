// The letters domain's tables as the planner reads them, and the relations between them.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Letter, LetterBatch, LetterStatusChange } from "../../generated/prisma/client.ts";
import { orderOf } from "../../data/planner/order.ts";
import type { ManyRelation } from "../../data/planner/plan.ts";
import { defineTable } from "../../data/planner/table.ts";

const STATUS = { status: "letter_status" } as const;

export const letterBatchTable = defineTable<LetterBatch>({
  name: "letter_batch",
  fields: Prisma.LetterBatchScalarFieldEnum,
  dates: ["createdAt", "updatedAt"],
  enums: STATUS,
});
export const letterTable = defineTable<Letter>({
  name: "letter",
  fields: Prisma.LetterScalarFieldEnum,
  dates: ["createdAt", "updatedAt"],
  enums: STATUS,
});
export const letterStatusChangeTable = defineTable<LetterStatusChange>({
  name: "letter_status_change",
  fields: Prisma.LetterStatusChangeScalarFieldEnum,
  dates: ["createdAt"],
  enums: STATUS,
});

const letterOrder = orderOf(letterTable, [{ field: "id", direction: "asc" }]);
const historyOrder = orderOf(letterStatusChangeTable, [{ field: "createdAt", direction: "asc" }]);

/** A batch's letters, in the order they were received. */
export const batchLetters: ManyRelation = { target: letterTable, parentField: "batchId", order: () => letterOrder };

/** A letter's status changes, oldest first. */
export const letterHistory: ManyRelation = {
  target: letterStatusChangeTable,
  parentField: "letterId",
  order: () => historyOrder,
};
