import type { ProvisioningRequest } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { provisioningRequestTable } from "./tables.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { ProvisioningRequestStatusEnum } from "./enums.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

export const ProvisioningRequestNode = builder.loadableNode("ProvisioningRequest", {
  ...tableBacked(provisioningRequestTable, readScope("provisioning:read")),
  description: "One API request of a provisioning batch (e.g. block a subscription), with its outcome.",
  id: { resolve: (request) => request.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<ProvisioningRequest>(provisioningRequestTable, ids),
  sort: (request) => request.id,
  fields: (t) => ({
    requestId: t.exposeString("requestId", {
      description:
        "The client's own identifier for the request, for correlation (its 1-based position when none was given).",
    }),
    position: t.exposeInt("position", { description: "0-based position of the request in the submitted list." }),
    method: t.exposeString("method", { description: "HTTP method of the API request, e.g. POST." }),
    resource: t.exposeString("resource", {
      description: "Resource path of the API request, e.g. subscriptions/msisdn:46708421488.",
    }),
    body: t.expose("body", { type: "JSON", nullable: true, description: "Body of the API request as submitted." }),
    iccid: t.exposeString("iccid", {
      nullable: true,
      description: "The iccid the request names, if any; MULTI batches chain requests on it.",
    }),
    status: t.expose("status", { type: ProvisioningRequestStatusEnum, description: "Where the request stands." }),
    info: t.exposeString("info", {
      nullable: true,
      description: "Why the request was REJECTED, FAILED or CANCELED; null otherwise.",
    }),
    orderId: t.exposeInt("orderId", {
      nullable: true,
      description: "Number of the order created for the request; null until one is created.",
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the request's status last changed." }),
  }),
});
