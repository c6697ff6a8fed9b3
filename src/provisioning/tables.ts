// The provisioning domain's tables as the planner reads them, and the relations between them.
import { Prisma } from "../generated/prisma/client.ts";
import type { ProvisioningBatch, ProvisioningEvent, ProvisioningRequest, Subscription } from "../generated/prisma/client.ts";
import { orderOf } from "../data/planner/order.ts";
import type { ManyRelation } from "../data/planner/plan.ts";
import { defineTable } from "../data/planner/table.ts";

export const provisioningBatchTable = defineTable<ProvisioningBatch>({
  name: "provisioning_batch",
  fields: Prisma.ProvisioningBatchScalarFieldEnum,
  dates: ["createdAt", "updatedAt", "completedAt"],
  enums: { type: "provisioning_batch_type", status: "provisioning_batch_status" },
});
export const provisioningRequestTable = defineTable<ProvisioningRequest>({
  name: "provisioning_request",
  fields: Prisma.ProvisioningRequestScalarFieldEnum,
  dates: ["leaseExpiresAt", "createdAt", "updatedAt"],
  enums: { status: "provisioning_request_status" },
});
export const provisioningEventTable = defineTable<ProvisioningEvent>({
  name: "provisioning_event",
  fields: Prisma.ProvisioningEventScalarFieldEnum,
  dates: ["createdAt"],
  enums: { type: "provisioning_event_type" },
});
export const subscriptionTable = defineTable<Subscription>({
  name: "subscription",
  fields: Prisma.SubscriptionScalarFieldEnum,
  dates: ["createdAt", "updatedAt"],
});

const byPosition = orderOf(provisioningRequestTable, [{ field: "position", direction: "asc" }]);

/** A batch's requests in submission order. */
export const batchRequests: ManyRelation = { target: provisioningRequestTable, parentField: "batchId", order: () => byPosition };
