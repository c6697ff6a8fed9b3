// The message table as the planner reads it.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Message } from "../../generated/prisma/client.ts";
import { defineTable } from "../../data/planner/table.ts";

export const messageTable = defineTable<Message>({
  name: "message",
  fields: Prisma.MessageScalarFieldEnum,
  dates: ["scheduledAt", "sentAt", "deliveredAt", "cancelledAt", "createdAt", "updatedAt"],
  enums: { status: "message_status", encoding: "message_encoding" },
});
