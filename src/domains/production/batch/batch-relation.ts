import type { BatchRelation } from "../../../generated/prisma/client.ts";
import { RelationDirection } from "../../../generated/prisma/enums.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { BatchNode } from "./batch.ts";
import { toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { batchRelationTable, batchTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const RelationDirectionEnum = builder.enumType("RelationDirection", {
  description: "Which way a relation points, seen from the batch.",
  values: {
    INWARD: {
      value: RelationDirection.INWARD,
      description: "The entity points at the batch (e.g. a user created it).",
    },
    OUTWARD: { value: RelationDirection.OUTWARD, description: "The batch points at the entity." },
  } as const,
});

export const BatchRelationNode = builder.loadableNode("BatchRelation", {
  ...tableBacked(batchRelationTable, readScope("batch:read")),
  description: "A typed link from a batch to an entity of any system, e.g. the user who created it.",
  id: { resolve: (relation) => relation.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<BatchRelation>(batchRelationTable, ids),
  sort: (relation) => relation.id,
  fields: (t) => ({
    relation: t.exposeString("relation", { description: "Kind of relation, e.g. created." }),
    direction: t.expose("direction", {
      type: RelationDirectionEnum,
      description: "INWARD when the entity points at the batch, OUTWARD when the batch points at it.",
    }),
    entityType: t.exposeString("entityType", { description: "Type of the related entity, e.g. USER." }),
    entityId: t.exposeString("entityId", { description: "Id of the related entity in its own system." }),
    batch: t.field({
      type: BatchNode,
      description: "The batch the relation belongs to.",
      ...toOne(batchTable, "batchId"),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the relation was attached." }),
  }),
});
