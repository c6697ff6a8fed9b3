// Root reads of outgoing messages: the history newest first, and lookups by integer ids.
import { prisma } from "../db.ts";
import type { Message, Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
import { MessageNode, MessageStatusEnum } from "./message.ts";
import { MAX_MESSAGE_IDS, MAX_PAGE_SIZE, uniqueMessageIds } from "./validation.ts";

const MessageFilter = builder.inputType("MessageFilter", {
  description: "Conditions a message must meet; all given conditions apply.",
  fields: (t) => ({
    status: t.field({ type: [MessageStatusEnum], description: "Only messages in one of these statuses." }),
    scheduledFrom: t.field({ type: "DateTime", description: "Only messages scheduled at or after this time." }),
    scheduledTo: t.field({ type: "DateTime", description: "Only messages scheduled at or before this time." }),
  }),
});

function messageWhere(filter: typeof MessageFilter.$inferInput | null | undefined): Prisma.MessageWhereInput {
  if (!filter) return {};
  const where: Prisma.MessageWhereInput = {};
  if (filter.status) where.status = { in: filter.status };
  if (filter.scheduledFrom || filter.scheduledTo) {
    where.scheduledAt = { gte: filter.scheduledFrom ?? undefined, lte: filter.scheduledTo ?? undefined };
  }
  return where;
}

const MessagesByIdsResult = builder
  .objectRef<{ messages: Message[]; notFoundIds: number[] }>("MessagesByIdsResult")
  .implement({
    description: "The messages found for a list of ids, and the ids that match no message.",
    fields: (t) => ({
      messages: t.field({
        type: [MessageNode],
        description: "The messages found, once each, in the order their ids were first given.",
        resolve: (result) => result.messages,
      }),
      notFoundIds: t.intList({ description: "The ids that match no message, once each.", resolve: (result) => result.notFoundIds }),
      successCount: t.int({ description: "How many messages were found (X-Success-Count in the source API).", resolve: (result) => result.messages.length }),
      errorCount: t.int({ description: "How many ids match no message (X-Error-Count in the source API).", resolve: (result) => result.notFoundIds.length }),
    }),
  });

builder.queryFields((t) => ({
  messages: t.connection({
    type: MessageNode,
    authScopes: { scope: "messages:read" },
    description: `The history of outgoing messages, newest first; at most ${MAX_PAGE_SIZE} per page (the source API's limit), default 20.`,
    args: { filter: t.arg({ type: MessageFilter, description: "Only messages meeting these conditions." }) },
    resolve: (_root, args, _context, info) => {
      const where = messageWhere(args.filter);
      // Newest first, as the source API lists its history.
      return createdAtConnection(
        listOf(info),
        args,
        "desc",
        (page) => prisma.message.findMany({ ...page, where: { AND: [where, page.where] } } as Prisma.MessageFindManyArgs),
        () => prisma.message.count({ where }),
        { maxSize: MAX_PAGE_SIZE },
      );
    },
  }),
  messagesByIds: t.field({
    type: MessagesByIdsResult,
    authScopes: { scope: "messages:read" },
    description: `Messages by their integer ids (messageId): at most ${MAX_MESSAGE_IDS} distinct ids; a duplicated id is returned once.`,
    args: {
      ids: t.arg.intList({ required: true, description: `Integer message ids, 1 to ${MAX_MESSAGE_IDS} distinct ones.` }),
    },
    resolve: async (_root, args) => {
      const ids = uniqueMessageIds(args.ids, "ids");
      const found = await prisma.message.findMany({ where: { id: { in: ids } } });
      const byId = new Map(found.map((message) => [message.id, message]));
      return {
        messages: ids.flatMap((id) => byId.get(id) ?? []),
        notFoundIds: ids.filter((id) => !byId.has(id)),
      };
    },
  }),
}));
