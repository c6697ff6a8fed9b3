// The provisioning domain's tables as the planner reads them, and the relations between them.
import { Prisma } from "../../generated/prisma/client.ts";
import type {
  ProvisioningBatch,
  ProvisioningEvent,
  ProvisioningRequest,
  Subscription,
} from "../../generated/prisma/client.ts";
import { orderOf } from "../../data/planner/order.ts";
import type { ManyRelation } from "../../data/planner/plan.ts";
import { defineTable } from "../../data/planner/table.ts";
import { provisioningConfig } from "./config.ts";

/**
 * A provisioning batch older than PROVISIONING_RETENTION is gone for readers even before the purge
 * deletes it, and with it its requests and events (src/domains/provisioning/retention.ts).
 */
const live = (batch: Prisma.Sql) =>
  Prisma.sql`${batch}.created_at >= now() - make_interval(secs => ${provisioningConfig.retentionMs / 1000})`;
const ofLiveBatch = (alias: Prisma.Sql) =>
  Prisma.sql`EXISTS (SELECT FROM provisioning_batch lb WHERE lb.id = ${alias}.batch_id AND ${live(Prisma.raw("lb"))})`;

export const provisioningBatchTable = defineTable<ProvisioningBatch>({
  name: "provisioning_batch",
  fields: Prisma.ProvisioningBatchScalarFieldEnum,
  dates: ["createdAt", "updatedAt", "completedAt"],
  enums: { type: "provisioning_batch_type", status: "provisioning_batch_status" },
  visible: live,
});
export const provisioningRequestTable = defineTable<ProvisioningRequest>({
  name: "provisioning_request",
  fields: Prisma.ProvisioningRequestScalarFieldEnum,
  dates: ["leaseExpiresAt", "createdAt", "updatedAt"],
  enums: { status: "provisioning_request_status" },
  visible: ofLiveBatch,
});
export const provisioningEventTable = defineTable<ProvisioningEvent>({
  name: "provisioning_event",
  fields: Prisma.ProvisioningEventScalarFieldEnum,
  dates: ["createdAt"],
  enums: { type: "provisioning_event_type" },
  visible: ofLiveBatch,
});
export const subscriptionTable = defineTable<Subscription>({
  name: "subscription",
  fields: Prisma.SubscriptionScalarFieldEnum,
  dates: ["createdAt", "updatedAt"],
});

const byPosition = orderOf(provisioningRequestTable, [{ field: "position", direction: "asc" }]);

/** A batch's requests in submission order. */
export const batchRequests: ManyRelation = {
  target: provisioningRequestTable,
  parentField: "batchId",
  order: () => byPosition,
};
