import { filter, map, pipe } from "graphql-yoga";
import { prisma } from "../../data/db.ts";
import type { ProvisioningEvent } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { parseId } from "../../graphql/ids.ts";
import { watch } from "../../graphql/watch.ts";
import { pubsub } from "../../data/pubsub.ts";
import { ProvisioningEventFilter, ProvisioningEventNode } from "./event.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";
import { liveBatchWhere } from "./retention.ts";

builder.subscriptionFields((t) => ({
  provisioningBatchUpdated: t.field({
    type: ProvisioningBatchNode,
    nullable: true,
    authScopes: { scope: "provisioning:read" },
    description:
      "A provisioning batch now, then again each time it or one of its requests changes status " +
      "(INITIALISING → PROCESSING → COMPLETED or PARTIALLY_COMPLETED); null once removed or expired.",
    args: { id: t.arg.id({ required: true, description: "Global id of the provisioning batch to watch." }) },
    subscribe: (_root, args) => {
      const id = parseId(args.id, "ProvisioningBatch", "id");
      const load = () => prisma.provisioningBatch.findFirst({ where: { id, ...liveBatchWhere() } });
      return watch(pubsub.subscribe("provisioningBatchUpdated", id), load);
    },
    resolve: (batch) => batch,
  }),
  events: t.field({
    type: ProvisioningEventNode,
    authScopes: { scope: "provisioning:read" },
    description:
      "The provisioning event feed live: each new event (batch completions, order outcomes) as it is recorded.",
    args: { filter: t.arg({ type: ProvisioningEventFilter, description: "Only events meeting these conditions." }) },
    // Repeater operators rather than a generator: an unsubscribe stops the listener at once,
    // not at the next event.
    subscribe: (_root, args) => {
      const batchId = args.filter?.batchId
        ? parseId(args.filter.batchId, "ProvisioningBatch", "filter.batchId")
        : undefined;
      const type = args.filter?.type;
      return pipe(
        pubsub.subscribe("provisioningEvent"),
        map(({ eventId }) => prisma.provisioningEvent.findUnique({ where: { id: eventId } })),
        filter(
          (event): event is ProvisioningEvent =>
            event !== null && (batchId === undefined || event.batchId === batchId) && (!type || event.type === type),
        ),
      );
    },
    resolve: (event) => event,
  }),
}));
