// Root reads of outgoing messages: the history newest first, and lookups by integer ids.
import { Prisma } from "../../generated/prisma/client.ts";
import type { Message } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { enumArray, allOf, type AliasedCondition } from "../../data/sql.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { orderOf } from "../../data/planner/order.ts";
import { type PlannerContext, listConnection, plannedRows, selectionsAt } from "../../data/planner/run.ts";
import type { GraphQLResolveInfo } from "graphql";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import { MessageNode, MessageStatusEnum } from "./message.ts";
import { messageTable } from "./tables.ts";
import { MAX_MESSAGE_IDS, MAX_PAGE_SIZE, uniqueMessageIds } from "./validation.ts";

const MessageFilter = builder.inputType("MessageFilter", {
  description: "Conditions a message must meet; all given conditions apply.",
  fields: (t) => ({
    status: t.field({ type: [MessageStatusEnum], description: "Only messages in one of these statuses." }),
    scheduledFrom: t.field({ type: "DateTime", description: "Only messages scheduled at or after this time." }),
    scheduledTo: t.field({ type: "DateTime", description: "Only messages scheduled at or before this time." }),
  }),
});

/** The filter's conditions on messages. */
function messageWhere(filter: typeof MessageFilter.$inferInput | null | undefined) {
  const conditions: AliasedCondition[] = [];
  const statuses = filter?.status ? [...filter.status] : undefined;
  if (statuses) conditions.push((r) => Prisma.sql`${r}.status = ANY(${enumArray(statuses, "message_status")})`);
  const { scheduledFrom, scheduledTo } = filter ?? {};
  if (scheduledFrom) conditions.push((r) => Prisma.sql`${r}.scheduled_at >= ${scheduledFrom}`);
  if (scheduledTo) conditions.push((r) => Prisma.sql`${r}.scheduled_at <= ${scheduledTo}`);
  return allOf(conditions);
}

const NEWEST_FIRST = orderOf(messageTable, [{ field: "createdAt", direction: "desc" }]);

/**
 * The messages of `ids` that exist, planned for the result's `messages` selection (whole rows with the planner off).
 */
async function messagesOf(
  ids: number[],
  context: PlannerContext,
  info: GraphQLResolveInfo,
): Promise<Map<unknown, Message>> {
  const at = selectionsAt(info, ["messages"]);
  const planned = at ? await plannedRows(messageTable, at.type, at.selections, ids, context, info) : undefined;
  if (planned) return planned as Map<unknown, Message>;
  return new Map((await rowsByKeys<Message>(messageTable, ids)).map((message) => [message.id, message]));
}

const MessagesByIdsResult = builder
  .objectRef<{ messages: Message[]; notFoundIds: number[] }>("MessagesByIdsResult")
  .implement({
    description: "The messages found for a list of ids, and the ids that match no message.",
    fields: (t) => ({
      messages: t.field({
        type: [MessageNode],
        extensions: listSize({ max: MAX_MESSAGE_IDS }),
        description: "The messages found, once each, in the order their ids were first given.",
        resolve: (result) => result.messages,
      }),
      notFoundIds: t.intList({
        description: "The ids that match no message, once each.",
        resolve: (result) => result.notFoundIds,
      }),
      successCount: t.int({
        description: "How many messages were found (X-Success-Count in the source API).",
        resolve: (result) => result.messages.length,
      }),
      errorCount: t.int({
        description: "How many ids match no message (X-Error-Count in the source API).",
        resolve: (result) => result.notFoundIds.length,
      }),
    }),
  });

builder.queryFields((t) => ({
  messages: t.connection({
    type: MessageNode,
    authScopes: { scope: "messages:read" },
    description: `The history of outgoing messages, newest first; at most ${MAX_PAGE_SIZE} per page (the source API's limit), sized by \`first\` or \`last\` (one is required).`,
    args: { filter: t.arg({ type: MessageFilter, description: "Only messages meeting these conditions." }) },
    resolve: (_root, args, context, info) =>
      listConnection(
        {
          table: messageTable,
          where: messageWhere(args.filter),
          order: NEWEST_FIRST,
          sizes: { maxSize: MAX_PAGE_SIZE },
        },
        args,
        context,
        info,
      ) as never,
  }),
  messagesByIds: t.field({
    type: MessagesByIdsResult,
    authScopes: { scope: "messages:read" },
    description: `Messages by their integer ids (messageId): at most ${MAX_MESSAGE_IDS} distinct ids; a duplicated id is returned once.`,
    args: {
      ids: t.arg.intList({
        required: true,
        description: `Integer message ids, 1 to ${MAX_MESSAGE_IDS} distinct ones.`,
      }),
    },
    resolve: async (_root, args, context, info) => {
      const ids = uniqueMessageIds(args.ids, "ids");
      const byId = await messagesOf(ids, context, info);
      return {
        messages: ids.flatMap((id) => byId.get(id) ?? []),
        notFoundIds: ids.filter((id) => !byId.has(id)),
      };
    },
  }),
}));
