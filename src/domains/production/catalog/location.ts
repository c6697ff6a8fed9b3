import type { Location } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { locationTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const LocationNode = builder.loadableNode("Location", {
  ...tableBacked(locationTable, readScope("batch:read")),
  description: "A site (warehouse, store) where work orders are produced and queues live.",
  id: { resolve: (location) => location.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Location>(locationTable, ids),
  sort: (location) => location.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the location." }),
    locationType: t.exposeString("locationType", { description: "Kind of site, e.g. warehouse." }),
    formattedAddress: t.exposeString("formattedAddress", {
      nullable: true,
      description: "The postal address as printed on a label.",
    }),
    address: t.expose("address", { type: "JSON", nullable: true, description: "The structured postal address." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the location was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the location last changed." }),
  }),
});
