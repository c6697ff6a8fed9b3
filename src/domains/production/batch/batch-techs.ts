// The technicians assigned to a batch and the relations attached to it.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Batch } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { computed, manyConnection, manyList } from "../../../data/planner/fields.ts";
import { childCountLoader } from "../../../data/planner/loaders.ts";
import type { ManyRelation } from "../../../data/planner/plan.ts";
import { BatchNode } from "./batch.ts";
import { BatchRelationNode, RelationDirectionEnum } from "./batch-relation.ts";
import { batchRelations, batchTable, batchTechs } from "../tables.ts";
import { UserNode } from "../catalog/user.ts";

const ASSIGNED_USERS_SHOWN = 5;

export const BatchRelationFilter = builder.inputType("BatchRelationFilter", {
  description: "Conditions a batch's relation must meet; all given conditions apply.",
  fields: (t) => ({
    entityType: t.string({ description: "Only relations to entities of this type, e.g. USER." }),
    relation: t.string({ description: "Only relations of this kind, e.g. created." }),
    direction: t.field({ type: RelationDirectionEnum, description: "Only relations pointing this way." }),
  }),
});

type RelationFilter = typeof BatchRelationFilter.$inferInput;

const filteredRelations: ManyRelation = {
  ...batchRelations,
  filter: (args, alias) => {
    const filter = args.filter as RelationFilter | null | undefined;
    const conditions: Prisma.Sql[] = [];
    if (filter?.entityType != null) conditions.push(Prisma.sql`${alias}.entity_type = ${filter.entityType}`);
    if (filter?.relation != null) conditions.push(Prisma.sql`${alias}.relation = ${filter.relation}`);
    if (filter?.direction != null)
      conditions.push(Prisma.sql`${alias}.direction = ${filter.direction}::relation_direction`);
    return conditions.length ? Prisma.join(conditions, " AND ") : undefined;
  },
};

builder.objectFields(BatchNode, (t) => ({
  techs: t.connection({
    type: UserNode,
    description:
      "The technicians assigned to the batch, in user id order; at most 100 per page, sized by `first` or `last` " +
      "(one is required).",
    ...manyConnection(batchTable, batchTechs),
  }),
  totalAssignedUsers: t.int({
    description: "How many technicians are assigned to the batch.",
    ...computed<Batch, number>({
      sql: (alias) => Prisma.sql`(SELECT count(*)::int FROM batch_tech j WHERE j.batch_id = ${alias}.id)`,
      load: (batch, _args, context) => childCountLoader(context, batchTechs).load({ parent: batch.id, args: {} }),
    }),
  }),
  assignedUsers: t.field({
    type: [UserNode],
    description: `The first ${ASSIGNED_USERS_SHOWN} technicians assigned to the batch (in user id order); techs lists them all.`,
    ...manyList(batchTable, batchTechs, ASSIGNED_USERS_SHOWN),
  }),
  relations: t.connection({
    type: BatchRelationNode,
    description:
      "The relations attached to the batch, oldest first; at most 100 per page, sized by `first` or `last` (one is " +
      "required).",
    args: { filter: t.arg({ type: BatchRelationFilter, description: "Only relations meeting these conditions." }) },
    ...manyConnection(batchTable, filteredRelations),
  }),
}));
