import { prisma } from "../../../data/db.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseId } from "../../../graphql/ids.ts";
import { watch } from "../../../graphql/watch.ts";
import { pubsub } from "../../../data/pubsub.ts";
import { BatchNode } from "./batch.ts";

/** Tells watchers a batch's status or cycle counts changed; call after the change has committed. */
export function publishBatchChange(batchId: number): void {
  pubsub.publish("batchStatusChanged", batchId, { batchId });
}

builder.subscriptionField("batchStatusChanged", (t) =>
  t.field({
    type: BatchNode,
    nullable: true,
    authScopes: { scope: "batch:read" },
    description:
      "A production batch now, then again each time its status or its cycles' statuses change (select " +
      "currentStatus and cycleCounts); null once deleted.",
    args: { id: t.arg.id({ required: true, description: "Global id of the batch to watch." }) },
    subscribe: (_root, args) => {
      const id = parseId(args.id, "Batch", "id");
      return watch(pubsub.subscribe("batchStatusChanged", id), () => prisma.batch.findUnique({ where: { id } }));
    },
    resolve: (batch) => batch,
  }),
);
