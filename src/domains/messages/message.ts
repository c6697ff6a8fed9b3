import type { Message } from "../../generated/prisma/client.ts";
import { MessageEncoding, MessageStatus } from "../../generated/prisma/enums.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { messageTable } from "./tables.ts";
import { builder } from "../../graphql/builder.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";
import { MAX_MESSAGE_IDS } from "./validation.ts";

export const MessageStatusEnum = builder.enumType(MessageStatus, {
  name: "MessageStatus",
  description: "Where an outgoing message is in its lifecycle.",
  values: {
    SCHEDULED: { description: "Waiting for its scheduled time; the only status that can be cancelled." },
    ENQUEUED: { description: "Due and waiting in the queue to be handed to the operator." },
    SENT: { description: "Handed to the operator; no delivery report yet." },
    DELIVERED: { description: "The operator reported delivery to the recipient's phone." },
    UNDELIVERED: { description: "The operator reported that the message could not be delivered (see error)." },
    FAILED: { description: "Rejected before sending (see error)." },
    CANCELLED: { description: "Cancelled while still scheduled; it will never be sent." },
  },
});

export const MessageEncodingEnum = builder.enumType(MessageEncoding, {
  name: "MessageEncoding",
  description: "The character encoding a message travels in, which decides how many characters fit one SMS part.",
  values: {
    GSM7: {
      description:
        "The GSM 7-bit alphabet: 160 characters in one part, 153 per part when concatenated (extension characters " +
        "such as € count twice).",
    },
    UCS2: {
      description:
        "UCS-2, used when any character is outside the GSM alphabet: 70 characters in one part, 67 per part when " +
        "concatenated.",
    },
  },
});

export const MessageNode = builder.loadableNode("Message", {
  ...tableBacked(messageTable, readScope("messages:read", { maxIdsPerRequest: MAX_MESSAGE_IDS })),
  description: "An outgoing SMS message: who it goes to, what it says, when it is sent and what became of it.",
  id: { resolve: (message) => message.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Message>(messageTable, ids),
  sort: (message) => message.id,
  fields: (t) => ({
    messageId: t.exposeInt("id", {
      description: "The integer message id the source API uses (messagesByIds and cancelScheduledMessages take it).",
    }),
    recipient: t.exposeString("recipient", {
      authScopes: { scope: "messages:read" },
      description: "The recipient's phone number in E.164 form, e.g. +48500100200.",
    }),
    sender: t.exposeString("sender", { description: "The sender name or number the recipient sees." }),
    text: t.exposeString("text", { authScopes: { scope: "messages:read" }, description: "The message text." }),
    encoding: t.expose("encoding", { type: MessageEncodingEnum, description: "The encoding the text is sent in." }),
    parts: t.exposeInt("parts", {
      description: "How many SMS parts the text is split into (each is billed as one SMS).",
    }),
    status: t.expose("status", { type: MessageStatusEnum, description: "The message's current status." }),
    scheduledAt: t.expose("scheduledAt", {
      type: "DateTime",
      description: "When the message is (or was) due to be sent.",
    }),
    sentAt: t.expose("sentAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was handed to the operator; null until SENT.",
    }),
    deliveredAt: t.expose("deliveredAt", {
      type: "DateTime",
      nullable: true,
      description: "When delivery was reported; null unless DELIVERED.",
    }),
    cancelledAt: t.expose("cancelledAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was cancelled; null unless CANCELLED.",
    }),
    error: t.exposeString("error", { nullable: true, description: "Why the message was not delivered or failed." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the message was submitted." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the message last changed." }),
  }),
});
