import { prisma } from "../db.ts";
import { builder } from "../graphql/builder.ts";
import { listSize } from "../graphql/query-cost.ts";
import { parseRawId } from "../graphql/ids.ts";
import { ProcessStatusNode } from "../processes/process-status.ts";
import { ProvisioningBatchStatusEnum, ProvisioningBatchTypeEnum, ProvisioningRequestStatusEnum } from "./enums.ts";
import { ProvisioningRequestNode } from "./provisioning-request.ts";
import { MAX_REQUESTS } from "./validation.ts";
import { liveBatchWhere } from "./retention.ts";
import { readScope } from "../auth/type-scopes.ts";

export const ProvisioningBatchNode = builder.loadableNode("ProvisioningBatch", {
  ...readScope("provisioning:read"),
  description:
    "Up to 100 API requests against telecom subscriptions submitted in one call, validated and executed by the gateway's workers. Removed after PROVISIONING_RETENTION (60 days by default).",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => prisma.provisioningBatch.findMany({ where: { id: { in: ids }, ...liveBatchWhere() } }),
  sort: (batch) => batch.id,
  fields: (t) => ({
    type: t.field({ type: ProvisioningBatchTypeEnum, description: "SINGLE (parallel) or MULTI (sequential per iccid).", resolve: (batch) => batch.type }),
    status: t.field({ type: ProvisioningBatchStatusEnum, description: "Where the batch stands.", resolve: (batch) => batch.status }),
    processStatus: t.field({
      type: ProcessStatusNode,
      nullable: true,
      description: "The submit's process status: PENDING until the batch finishes, then SUCCESS (COMPLETED) or FAILURE (PARTIALLY_COMPLETED).",
      resolve: (batch) => batch.processStatusId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the batch was submitted." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the batch's status last changed." }),
    completedAt: t.expose("completedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the batch COMPLETED or PARTIALLY_COMPLETED; null while it runs.",
    }),
  }),
});

builder.objectField(ProvisioningBatchNode, "requests", (t) =>
  t.loadableList({
    type: ProvisioningRequestNode,
    byPath: true,
    extensions: listSize({ max: MAX_REQUESTS }),
    description: `The batch's requests in submission order (at most ${MAX_REQUESTS}).`,
    args: {
      status: t.arg({ type: [ProvisioningRequestStatusEnum], description: "Only requests in one of these statuses." }),
    },
    load: async (batchIds: number[], _context, args) => {
      const requests = await prisma.provisioningRequest.findMany({
        where: { batchId: { in: batchIds }, ...(args.status ? { status: { in: args.status } } : {}) },
        orderBy: [{ batchId: "asc" }, { position: "asc" }],
      });
      return batchIds.map((id) => requests.filter((request) => request.batchId === id));
    },
    resolve: (batch) => batch.id,
  }),
);

builder.objectField(ProvisioningRequestNode, "batch", (t) =>
  t.field({ type: ProvisioningBatchNode, description: "The batch the request belongs to.", resolve: (request) => request.batchId }),
);
