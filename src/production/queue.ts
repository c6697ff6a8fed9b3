import { prisma } from "../db.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { LocationNode } from "./location.ts";

export const QueueNode = builder.loadableNode("Queue", {
  authScopes: { scope: "batch:read" },
  description: "A production queue at a location; technicians take their batches from it.",
  id: { resolve: (queue) => queue.id, parse: parseRawId },
  load: (ids: number[]) => prisma.queue.findMany({ where: { id: { in: ids } } }),
  sort: (queue) => queue.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the queue, e.g. Fast Lane." }),
    priority: t.exposeString("priority", { description: "Lexicographic priority: \"a\" is served before \"b\"." }),
    isActive: t.exposeBoolean("isActive", { description: "Whether the queue takes work." }),
    location: t.field({
      type: LocationNode,
      description: "Where the queue is.",
      resolve: (queue) => queue.locationId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the queue was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the queue last changed." }),
  }),
});
