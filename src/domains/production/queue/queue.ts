import type { Queue } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { LocationNode } from "../catalog/location.ts";
import { locationTable, queueTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const QueueNode = builder.loadableNode("Queue", {
  ...tableBacked(queueTable, readScope("batch:read")),
  description: "A production queue at a location; technicians take their batches from it.",
  id: { resolve: (queue) => queue.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Queue>(queueTable, ids),
  sort: (queue) => queue.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the queue, e.g. Fast Lane." }),
    priority: t.exposeString("priority", { description: 'Lexicographic priority: "a" is served before "b".' }),
    isActive: t.exposeBoolean("isActive", { description: "Whether the queue takes work." }),
    location: t.field({
      type: LocationNode,
      description: "Where the queue is.",
      ...toOne(locationTable, "locationId"),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the queue was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the queue last changed." }),
  }),
});
