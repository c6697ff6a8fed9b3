import { Prisma } from "../../generated/prisma/client.ts";
import type { ProvisioningBatch, ProvisioningRequestStatus } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { enumArray } from "../../data/sql.ts";
import { manyList, toOne } from "../../data/planner/fields.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { type ManyRelation, tableBacked } from "../../data/planner/plan.ts";
import { processStatusTable } from "../processes/tables.ts";
import { batchRequests, provisioningBatchTable } from "./tables.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { ProcessStatusNode } from "../processes/process-status.ts";
import { ProvisioningBatchStatusEnum, ProvisioningBatchTypeEnum, ProvisioningRequestStatusEnum } from "./enums.ts";
import { ProvisioningRequestNode } from "./provisioning-request.ts";
import { MAX_REQUESTS } from "./validation.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

export const ProvisioningBatchNode = builder.loadableNode("ProvisioningBatch", {
  ...tableBacked(provisioningBatchTable, readScope("provisioning:read")),
  description:
    "Up to 100 API requests against telecom subscriptions submitted in one call, validated and executed by the " +
    "gateway's workers. Removed after PROVISIONING_RETENTION (60 days by default).",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<ProvisioningBatch>(provisioningBatchTable, ids),
  sort: (batch) => batch.id,
  fields: (t) => ({
    type: t.expose("type", {
      type: ProvisioningBatchTypeEnum,
      description: "SINGLE (parallel) or MULTI (sequential per iccid).",
    }),
    status: t.expose("status", { type: ProvisioningBatchStatusEnum, description: "Where the batch stands." }),
    processStatus: t.field({
      type: ProcessStatusNode,
      nullable: true,
      description:
        "The submit's process status: PENDING until the batch finishes, then SUCCESS (COMPLETED) or FAILURE " +
        "(PARTIALLY_COMPLETED).",
      ...toOne(processStatusTable, "processStatusId"),
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

/** The batch's requests, in one of the given statuses when the field's `status` argument names some. */
const requestsInStatus: ManyRelation = {
  ...batchRequests,
  filter: (args, alias) => {
    const statuses = args.status as readonly ProvisioningRequestStatus[] | null | undefined;
    return statuses
      ? Prisma.sql`${alias}.status = ANY(${enumArray(statuses, "provisioning_request_status")})`
      : undefined;
  },
};

builder.objectField(ProvisioningBatchNode, "requests", (t) =>
  t.field({
    type: [ProvisioningRequestNode],
    description: `The batch's requests in submission order (at most ${MAX_REQUESTS}).`,
    args: {
      status: t.arg({ type: [ProvisioningRequestStatusEnum], description: "Only requests in one of these statuses." }),
    },
    ...manyList(provisioningBatchTable, requestsInStatus, MAX_REQUESTS, { whole: true }),
  }),
);

builder.objectField(ProvisioningRequestNode, "batch", (t) =>
  t.field({
    type: ProvisioningBatchNode,
    description: "The batch the request belongs to.",
    ...toOne(provisioningBatchTable, "batchId"),
  }),
);
