import { prisma } from "../../data/db.ts";
import { builder } from "../../graphql/builder.ts";
import { liveState, merged } from "../../graphql/watch.ts";
import { pubsub } from "../../data/pubsub.ts";
import { MessageNode } from "./message.ts";
import { uniqueMessageIds } from "./validation.ts";

/** Tells watchers these messages changed status; call after the change has committed. */
export function publishMessageStatus(messageIds: readonly number[]): void {
  for (const messageId of messageIds) pubsub.publish("messageStatusChanged", messageId, { messageId });
}

/** Each watched message as it is now, then each one again whenever its status changes. */
function watchMessages(ids: number[]) {
  return liveState({
    events: merged(ids.map((id) => pubsub.subscribe("messageStatusChanged", id))),
    current: () => prisma.message.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } }),
    changed: async ({ messageId }) => {
      const message = await prisma.message.findUnique({ where: { id: messageId } });
      return message ? [message] : [];
    },
  });
}

builder.subscriptionField("messageStatusChanged", (t) =>
  t.field({
    type: MessageNode,
    authScopes: { scope: "messages:read" },
    description:
      "The watched messages (at most 50 ids, duplicates once) as they are now, one event each, then a message " +
      "again each time its status changes (e.g. SCHEDULED → ENQUEUED → SENT → DELIVERED, or CANCELLED).",
    args: { ids: t.arg.intList({ required: true, description: "Integer ids of the messages to watch (1 to 50)." }) },
    subscribe: (_root, args) => watchMessages(uniqueMessageIds(args.ids, "ids")),
    resolve: (message) => message,
  }),
);
