import { prisma } from "../db.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { ProvisioningRequestStatusEnum } from "./enums.ts";
import { ofLiveBatch } from "./retention.ts";
import { readScope } from "../auth/type-scopes.ts";

export const ProvisioningRequestNode = builder.loadableNode("ProvisioningRequest", {
  ...readScope("provisioning:read"),
  description: "One API request of a provisioning batch (e.g. block a subscription), with its outcome.",
  id: { resolve: (request) => request.id, parse: parseRawId },
  load: (ids: number[]) => prisma.provisioningRequest.findMany({ where: { id: { in: ids }, ...ofLiveBatch() } }),
  sort: (request) => request.id,
  fields: (t) => ({
    requestId: t.exposeString("requestId", {
      description: "The client's own identifier for the request, for correlation (its 1-based position when none was given).",
    }),
    position: t.exposeInt("position", { description: "0-based position of the request in the submitted list." }),
    method: t.exposeString("method", { description: "HTTP method of the API request, e.g. POST." }),
    resource: t.exposeString("resource", { description: "Resource path of the API request, e.g. subscriptions/msisdn:46708421488." }),
    body: t.expose("body", { type: "JSON", nullable: true, description: "Body of the API request as submitted." }),
    iccid: t.exposeString("iccid", { nullable: true, description: "The iccid the request names, if any; MULTI batches chain requests on it." }),
    status: t.field({ type: ProvisioningRequestStatusEnum, description: "Where the request stands.", resolve: (request) => request.status }),
    info: t.exposeString("info", { nullable: true, description: "Why the request was REJECTED, FAILED or CANCELED; null otherwise." }),
    orderId: t.exposeInt("orderId", { nullable: true, description: "Number of the order created for the request; null until one is created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the request's status last changed." }),
  }),
});
