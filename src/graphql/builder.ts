// The schema builder and its plugins; types are added by the domain folders.
import SchemaBuilder from "@pothos/core";
import DataloaderPlugin from "@pothos/plugin-dataloader";
import RelayPlugin from "@pothos/plugin-relay";
import type { Context } from "../context.ts";
import { decodeGlobalId, encodeGlobalId } from "./ids.ts";

export type Scalars = {
  DateTime: { Input: Date; Output: Date | string };
  JSON: { Input: unknown; Output: unknown };
  UUID: { Input: string; Output: string };
  PositiveInt: { Input: number; Output: number };
  NonNegativeInt: { Input: number; Output: number };
};

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: Scalars;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: {
    /** Connections count lazily: the SQL runs only when totalCount is selected. */
    totalCount: number | (() => Promise<number>);
  };
}>({
  plugins: [RelayPlugin, DataloaderPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    encodeGlobalID: encodeGlobalId,
    decodeGlobalID: (globalId) => decodeGlobalId(globalId),
    nodeQueryOptions: {
      description: "Fetches any object of the graph by its global id; null when it does not exist.",
    },
    nodesQueryOptions: {
      description: "Fetches objects by their global ids, in the order given; null for each id that does not exist.",
    },
  },
});

builder.queryType({ description: "Reads across the five domains of the gateway." });
builder.mutationType({ description: "Changes; every mutation takes one `input` object and returns a payload." });

builder.globalConnectionField("totalCount", (t) =>
  t.int({
    description: "Number of items in the whole list (all pages) with the same filters.",
    resolve: (parent) => (typeof parent.totalCount === "function" ? parent.totalCount() : parent.totalCount),
  }),
);
