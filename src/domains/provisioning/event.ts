// The provisioning event feed: batch completions and order outcomes, oldest first, so a
// client polls with `after` set to the last cursor it saw.
import { Prisma } from "../../generated/prisma/client.ts";
import type { ProvisioningEvent } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { parseId, parseRawId } from "../../graphql/ids.ts";
import { toOne } from "../../data/planner/fields.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { orderOf } from "../../data/planner/order.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { listConnection } from "../../data/planner/run.ts";
import { provisioningBatchTable, provisioningEventTable, provisioningRequestTable } from "./tables.ts";
import { ProvisioningEventTypeEnum } from "./enums.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";
import { ProvisioningRequestNode } from "./provisioning-request.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

export const ProvisioningEventNode = builder.loadableNode("ProvisioningEvent", {
  ...tableBacked(provisioningEventTable, readScope("provisioning:read")),
  description:
    "Something that happened to a provisioning batch: it completed or partially completed, or one request's order " +
    "finished.",
  id: { resolve: (event) => event.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<ProvisioningEvent>(provisioningEventTable, ids),
  sort: (event) => event.id,
  fields: (t) => ({
    type: t.expose("type", { type: ProvisioningEventTypeEnum, description: "What happened." }),
    batch: t.field({
      type: ProvisioningBatchNode,
      description: "The batch the event belongs to.",
      ...toOne(provisioningBatchTable, "batchId"),
    }),
    request: t.field({
      type: ProvisioningRequestNode,
      nullable: true,
      description: "For ORDER_* events, the request whose order finished; null for batch events.",
      ...toOne(provisioningRequestTable, "requestId"),
    }),
    payload: t.expose("payload", {
      type: "JSON",
      description:
        "Details: orderId, requestId and error for ORDER_* events; status and request counts for BATCH_* events.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the event was recorded." }),
  }),
});

const OLDEST_FIRST = orderOf(provisioningEventTable, [{ field: "createdAt", direction: "asc" }]);

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
    description:
      "The provisioning event feed, oldest first; at most 100 per page, sized by `first` or `last` (one is " +
      "required). Events go with their batch after PROVISIONING_RETENTION.",
    args: { filter: t.arg({ type: ProvisioningEventFilter, description: "Only events meeting these conditions." }) },
    resolve: (_root, args, context, info) => {
      const type = args.filter?.type;
      const batchId = args.filter?.batchId
        ? parseId(args.filter.batchId, "ProvisioningBatch", "filter.batchId")
        : undefined;
      const where = (alias: string) => {
        const a = Prisma.raw(alias);
        const conditions = [Prisma.sql`TRUE`];
        if (type) conditions.push(Prisma.sql`${a}.type = ${type}::provisioning_event_type`);
        if (batchId) conditions.push(Prisma.sql`${a}.batch_id = ${batchId}`);
        return Prisma.join(conditions, " AND ");
      };
      return listConnection(
        { table: provisioningEventTable, where, order: OLDEST_FIRST },
        args,
        context,
        info,
      ) as never;
    },
  }),
);
