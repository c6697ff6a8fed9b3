// Sending messages and cancelling scheduled ones; each call is recorded as a ProcessStatus.
import type { Message } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { maxLength } from "../../graphql/transforms/input-limits.ts";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import { encodeGlobalId } from "../../graphql/ids.ts";
import { payloadType, recorded, recordedMutation } from "../processes/mutation-kit.ts";
import { MessageNode } from "./message.ts";
import { publishMessageStatus } from "./message-subscriptions.ts";
import { type Cancellation, cancelScheduledMessages, createMessages } from "./service.ts";
import {
  MAX_MESSAGE_IDS,
  MAX_MESSAGES_PER_SEND,
  MAX_PARTS,
  MAX_RECIPIENT_LENGTH,
  MAX_SENDER_LENGTH,
  MAX_TEXT_LENGTH,
  checkMessages,
  uniqueMessageIds,
} from "./validation.ts";

/** The affected messages as one entity id: their global ids, comma-separated. */
const entityIdOf = (ids: readonly number[]) => ids.map((id) => encodeGlobalId("Message", id)).join(",");

const OutgoingMessageInput = builder.inputType("OutgoingMessageInput", {
  description: "One message to send.",
  fields: (t) => ({
    recipient: t.string({
      required: true,
      extensions: maxLength(MAX_RECIPIENT_LENGTH),
      description: "The recipient's phone number in E.164 form, e.g. +48500100200.",
    }),
    sender: t.string({
      required: true,
      extensions: maxLength(MAX_SENDER_LENGTH),
      description: "The sender name (up to 11 letters or digits) or number (up to 15 digits) the recipient sees.",
    }),
    text: t.string({
      required: true,
      extensions: maxLength(MAX_TEXT_LENGTH),
      description: `The text; split into SMS parts (160/153 GSM-7 or 70/67 UCS-2 characters), at most ${MAX_PARTS} parts.`,
    }),
    scheduledAt: t.field({
      type: "DateTime",
      description: "When to send it; now when absent. A future time makes the message SCHEDULED (cancellable).",
    }),
  }),
});

const SendMessagesInput = builder.inputType("SendMessagesInput", {
  description: "Messages to send in one call.",
  fields: (t) => ({
    messages: t.field({
      type: [OutgoingMessageInput],
      required: true,
      description: `The messages, 1 to ${MAX_MESSAGES_PER_SEND}; all are created or, if one is invalid, none.`,
    }),
  }),
});

const SendMessagesPayload = payloadType<{ messages: Message[] }>(
  "SendMessagesPayload",
  "The messages created.",
  (t) => ({
    messages: t.field({
      type: [MessageNode],
      extensions: listSize({ max: MAX_MESSAGES_PER_SEND }),
      description: "The created messages, in the order given.",
      resolve: (payload) => payload.messages,
    }),
  }),
  {
    processStatus:
      "The record of this call (eventType SEND_MESSAGES, entityId the messages' global ids, comma-separated).",
  },
);

const CancelScheduledMessagesInput = builder.inputType("CancelScheduledMessagesInput", {
  description: "Scheduled messages to cancel.",
  fields: (t) => ({
    ids: t.intList({
      required: true,
      description: `Integer message ids (messageId), 1 to ${MAX_MESSAGE_IDS} distinct ones; duplicates count once.`,
    }),
  }),
});

const CancellationStatusEnum = builder.enumType("MessageCancellationStatus", {
  description: "The outcome of cancelling one message.",
  values: {
    CANCELLED: { description: "The message was SCHEDULED and is now CANCELLED." },
    NOT_FOUND: { description: "No message has this id." },
    NOT_SCHEDULED: {
      description:
        "The message exists but was no longer SCHEDULED (already enqueued, sent or cancelled); nothing changed.",
    },
  } as const,
});

const MessageCancellation = builder.objectRef<Cancellation>("MessageCancellation").implement({
  description: "The outcome of cancelling one of the given ids.",
  fields: (t) => ({
    id: t.exposeInt("id", { description: "The integer message id as given." }),
    status: t.field({
      type: CancellationStatusEnum,
      description: "Whether the message was cancelled, and why not.",
      resolve: (c) => c.status,
    }),
    error: t.exposeString("error", {
      nullable: true,
      description: "Why the message was not cancelled; null when it was.",
    }),
    message: t.field({
      type: MessageNode,
      nullable: true,
      description: "The message as it is after the call; null when it does not exist.",
      resolve: (c) => c.message,
    }),
  }),
});

const CancelScheduledMessagesPayload = payloadType<{ results: Cancellation[] }>(
  "CancelScheduledMessagesPayload",
  "One outcome per distinct id, with the counts the source API sends as headers.",
  (t) => ({
    results: t.field({
      type: [MessageCancellation],
      extensions: listSize({ max: MAX_MESSAGE_IDS }),
      description: "One outcome per distinct id, in the order given.",
      resolve: (p) => p.results,
    }),
    successCount: t.int({
      description: "How many messages were cancelled.",
      resolve: (p) => p.results.filter((result) => result.status === "CANCELLED").length,
    }),
    errorCount: t.int({
      description: "How many ids were not cancelled (not found or not scheduled).",
      resolve: (p) => p.results.filter((result) => result.status !== "CANCELLED").length,
    }),
  }),
  {
    processStatus:
      "The record of this call (eventType CANCEL_SCHEDULED_MESSAGES, entityId the given messages' global ids).",
  },
);

recordedMutation("sendMessages", {
  scope: "messages:send",
  description: `Sends up to ${MAX_MESSAGES_PER_SEND} SMS messages: each is SCHEDULED when scheduledAt is in the future, otherwise ENQUEUED for the dispatcher.`,
  input: { type: SendMessagesInput, description: "The messages to send." },
  payload: SendMessagesPayload,
  resolve: (input) => {
    checkMessages(input.messages);
    const process = {
      eventType: "SEND_MESSAGES",
      entityId: (r: { messages: Message[] }) => entityIdOf(r.messages.map((message) => message.id)),
      afterCommit: (r: { messages: Message[] }) => publishMessageStatus(r.messages.map((message) => message.id)),
    };
    return recorded(process, async (tx) => ({ messages: await createMessages(tx, input.messages) }));
  },
});

recordedMutation("cancelScheduledMessages", {
  scope: "messages:cancel",
  description: `Cancels SCHEDULED messages by their integer ids: at most ${MAX_MESSAGE_IDS} distinct ids; messages in any other status are left as they are.`,
  input: { type: CancelScheduledMessagesInput, description: "The messages to cancel." },
  payload: CancelScheduledMessagesPayload,
  resolve: (input) => {
    const ids = uniqueMessageIds(input.ids, "input.ids");
    const cancelled = (results: Cancellation[]) => results.filter((r) => r.status === "CANCELLED").map((r) => r.id);
    const process = {
      eventType: "CANCEL_SCHEDULED_MESSAGES",
      entityId: entityIdOf(ids),
      afterCommit: (r: { results: Cancellation[] }) => publishMessageStatus(cancelled(r.results)),
    };
    return recorded(process, async (tx) => ({ results: await cancelScheduledMessages(tx, ids) }));
  },
});
