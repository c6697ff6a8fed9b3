import type { Context } from "../context.ts";
import { db } from "../db.ts";
import { type Location, Prisma, type Queue } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { keepReadAhead, readAhead } from "../graphql/read-ahead.ts";
import { reviveDates, reviveRow, selectFields } from "../sql.ts";
import { DATE_FIELDS } from "./dates.ts";
import { LocationNode } from "./location.ts";
import { readScope } from "../auth/type-scopes.ts";

const QUEUES_WITH_LOCATION = (ids: number[]) => Prisma.sql`
  SELECT ${selectFields(Prisma.QueueScalarFieldEnum, "q", DATE_FIELDS.queue)},
    (SELECT row_to_json(l) FROM (SELECT ${selectFields(Prisma.LocationScalarFieldEnum, "location", DATE_FIELDS.location)}) l) AS location
  FROM queue q JOIN location ON location.id = q.location_id WHERE q.id = ANY(${ids}::int[])`;

/**
 * The row fields each Queue field reads: a batches page reading ahead its queues for a selection
 * of only these reads only their columns (src/production/batch-preload.ts).
 * test/production/read-ahead-row-fields.test.ts checks every field against node(id:).
 */
export const QUEUE_FIELD_READS: Record<string, readonly (keyof Queue)[]> = {
  __typename: [],
  id: ["id"],
  label: ["label"],
  priority: ["priority"],
  isActive: ["isActive"],
  location: ["locationId"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

export const QueueNode = builder.loadableNode("Queue", {
  ...readScope("batch:read"),
  description: "A production queue at a location; technicians take their batches from it.",
  id: { resolve: (queue) => queue.id, parse: parseRawId },
  // Queues are almost always shown with their location: read both in one statement.
  load: async (ids: number[], context: Context): Promise<Queue[]> => {
    const rows = reviveDates<Queue & { location: Record<string, unknown> }>(await db.query(QUEUES_WITH_LOCATION(ids)), DATE_FIELDS.queue);
    const locations = LocationNode.getDataloader(context);
    return rows.map(({ location, ...queue }) => {
      const place = reviveRow<Location>(location, DATE_FIELDS.location);
      locations.prime(place.id, place);
      keepReadAhead(queue, { location: place });
      return queue;
    });
  },
  sort: (queue) => queue.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the queue, e.g. Fast Lane." }),
    priority: t.exposeString("priority", { description: "Lexicographic priority: \"a\" is served before \"b\"." }),
    isActive: t.exposeBoolean("isActive", { description: "Whether the queue takes work." }),
    location: t.field({
      type: LocationNode,
      description: "Where the queue is.",
      resolve: (queue) => readAhead<Location>(queue, "location") ?? queue.locationId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the queue was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the queue last changed." }),
  }),
});
