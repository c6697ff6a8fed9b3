// The provisioning event feed: batch completions and order outcomes, oldest first, so a
// client polls with `after` set to the last cursor it saw.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId, parseRawId } from "../graphql/ids.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
import { ProvisioningEventTypeEnum } from "./enums.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";
import { ProvisioningRequestNode } from "./provisioning-request.ts";
import { ofLiveBatch } from "./retention.ts";
import { readScope } from "../auth/type-scopes.ts";

export const ProvisioningEventNode = builder.loadableNode("ProvisioningEvent", {
  ...readScope("provisioning:read"),
  description: "Something that happened to a provisioning batch: it completed or partially completed, or one request's order finished.",
  id: { resolve: (event) => event.id, parse: parseRawId },
  load: (ids: number[]) => prisma.provisioningEvent.findMany({ where: { id: { in: ids }, ...ofLiveBatch() } }),
  sort: (event) => event.id,
  fields: (t) => ({
    type: t.field({ type: ProvisioningEventTypeEnum, description: "What happened.", resolve: (event) => event.type }),
    batch: t.field({ type: ProvisioningBatchNode, description: "The batch the event belongs to.", resolve: (event) => event.batchId }),
    request: t.field({
      type: ProvisioningRequestNode,
      nullable: true,
      description: "For ORDER_* events, the request whose order finished; null for batch events.",
      resolve: (event) => event.requestId,
    }),
    payload: t.expose("payload", {
      type: "JSON",
      description: "Details: orderId, requestId and error for ORDER_* events; status and request counts for BATCH_* events.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the event was recorded." }),
  }),
});

export const ProvisioningEventFilter = builder.inputType("ProvisioningEventFilter", {
  description: "Conditions an event must meet; all given conditions apply.",
  fields: (t) => ({
    type: t.field({ type: ProvisioningEventTypeEnum, description: "Only events of this type." }),
    batchId: t.id({ description: "Only events of this provisioning batch (its global id)." }),
  }),
});

builder.queryField("events", (t) =>
  t.connection({
    type: ProvisioningEventNode,
    authScopes: { scope: "provisioning:read" },
    description: "The provisioning event feed, oldest first; at most 100 per page, sized by `first` or `last` (one is required). Events go with their batch after PROVISIONING_RETENTION.",
    args: { filter: t.arg({ type: ProvisioningEventFilter, description: "Only events meeting these conditions." }) },
    resolve: (_root, args, _context, info) => {
      const where: Prisma.ProvisioningEventWhereInput = {
        ...ofLiveBatch(),
        ...(args.filter?.type ? { type: args.filter.type } : {}),
        ...(args.filter?.batchId ? { batchId: parseId(args.filter.batchId, "ProvisioningBatch", "filter.batchId") } : {}),
      };
      return createdAtConnection(
        listOf(info),
        args,
        "asc",
        (page) => prisma.provisioningEvent.findMany({ ...page, where: { AND: [where, page.where] } } as Prisma.ProvisioningEventFindManyArgs),
        () => prisma.provisioningEvent.count({ where }),
      );
    },
  }),
);
