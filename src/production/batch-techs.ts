// The technicians assigned to a batch and the relations attached to it, batched per request.
import { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { listOf } from "../graphql/pagination.ts";
import { BatchNode } from "./batch.ts";
import { BatchRelationNode, RelationDirectionEnum } from "./batch-relation.ts";
import { relationCounts, relationPages, techCounts, techPages } from "./loaders.ts";
import { NO_FILTER, parentConnection } from "./parent-loaders.ts";
import { UserNode } from "./user.ts";

const ASSIGNED_USERS_SHOWN = 5;

export const BatchRelationFilter = builder.inputType("BatchRelationFilter", {
  description: "Conditions a batch's relation must meet; all given conditions apply.",
  fields: (t) => ({
    entityType: t.string({ description: "Only relations to entities of this type, e.g. USER." }),
    relation: t.string({ description: "Only relations of this kind, e.g. created." }),
    direction: t.field({ type: RelationDirectionEnum, description: "Only relations pointing this way." }),
  }),
});

function relationFilter(filter: typeof BatchRelationFilter.$inferInput | null | undefined) {
  const conditions = [Prisma.sql`TRUE`];
  if (filter?.entityType != null) conditions.push(Prisma.sql`r.entity_type = ${filter.entityType}`);
  if (filter?.relation != null) conditions.push(Prisma.sql`r.relation = ${filter.relation}`);
  if (filter?.direction != null) conditions.push(Prisma.sql`r.direction::text = ${filter.direction}`);
  const filterKey = JSON.stringify([filter?.entityType ?? null, filter?.relation ?? null, filter?.direction ?? null]);
  return { filter: Prisma.join(conditions, " AND "), filterKey };
}

builder.objectFields(BatchNode, (t) => ({
  techs: t.connection({
    type: UserNode,
    description: "The technicians assigned to the batch, in user id order; at most 100 per page (default 20).",
    resolve: (batch, args, context, info) =>
      parentConnection(listOf(info), args, techPages(context), { parentId: batch.id, ...NO_FILTER }, () =>
        techCounts(context).load({ parentId: batch.id, ...NO_FILTER }),
      ),
  }),
  totalAssignedUsers: t.int({
    description: "How many technicians are assigned to the batch.",
    resolve: (batch, _args, context) => techCounts(context).load({ parentId: batch.id, ...NO_FILTER }),
  }),
  assignedUsers: t.field({
    type: [UserNode],
    description: `The first ${ASSIGNED_USERS_SHOWN} technicians assigned to the batch (in user id order); techs lists them all.`,
    resolve: (batch, _args, context) =>
      techPages(context).load({ parentId: batch.id, page: { limit: ASSIGNED_USERS_SHOWN, inverted: false }, ...NO_FILTER }),
  }),
  relations: t.connection({
    type: BatchRelationNode,
    description: "The relations attached to the batch, oldest first; at most 100 per page (default 20).",
    args: { filter: t.arg({ type: BatchRelationFilter, description: "Only relations meeting these conditions." }) },
    resolve: (batch, args, context, info) => {
      const key = { parentId: batch.id, ...relationFilter(args.filter) };
      return parentConnection(listOf(info), args, relationPages(context), key, () => relationCounts(context).load(key));
    },
  }),
}));
