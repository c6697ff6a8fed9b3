import { type Location, Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { rowsByIds } from "../db.ts";
import { DATE_FIELDS } from "./dates.ts";
import { readScope } from "../auth/type-scopes.ts";

/**
 * The row fields each Location field reads: a batches page reading ahead locations for a
 * selection of only these reads only their columns (src/production/batch-preload.ts).
 * test/production/read-ahead-row-fields.test.ts checks every field against node(id:).
 */
export const LOCATION_FIELD_READS: Record<string, readonly (keyof Location)[]> = {
  __typename: [],
  id: ["id"],
  label: ["label"],
  locationType: ["locationType"],
  formattedAddress: ["formattedAddress"],
  address: ["address"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

export const LocationNode = builder.loadableNode("Location", {
  ...readScope("batch:read"),
  description: "A site (warehouse, store) where work orders are produced and queues live.",
  id: { resolve: (location) => location.id, parse: parseRawId },
  load: (ids: number[]) => rowsByIds<Location>("location", Prisma.LocationScalarFieldEnum, ids, DATE_FIELDS.location),
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
