import { type Cycle, Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { rowsByIds } from "../db.ts";
import { DATE_FIELDS } from "./dates.ts";
import { BatchNode } from "./batch.ts";
import { LocationNode } from "./location.ts";
import { StatusRef } from "./status.ts";
import { UserNode } from "./user.ts";
import { WorkOrderNode } from "./work-order.ts";
import { readScope } from "../auth/type-scopes.ts";

/**
 * The row fields each Cycle field reads, so a page of cycles selecting only these reads only
 * their columns (src/graphql/selection.ts); a field missing here makes pages read whole rows.
 * test/production/cycle-row-fields.test.ts checks every field against node(id:).
 */
export const CYCLE_FIELD_READS: Record<string, readonly (keyof Cycle)[]> = {
  __typename: [],
  id: ["id"],
  label: ["label"],
  position: ["position"],
  currentStatus: ["statusLabel", "statusCategory", "statusDescription", "statusOrder"],
  isRetry: ["isRetry"],
  batch: ["batchId"],
  workOrder: ["workOrderId"],
  location: ["locationId"],
  assignedUser: ["assignedUserId"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

export const CycleNode = builder.loadableNode("Cycle", {
  ...readScope("batch:read"),
  description: "One unit of work of a batch (e.g. provisioning one iPad), worked by a technician.",
  id: { resolve: (cycle) => cycle.id, parse: parseRawId },
  load: (ids: number[]) => rowsByIds<Cycle>("cycle", Prisma.CycleScalarFieldEnum, ids, DATE_FIELDS.cycle),
  sort: (cycle) => cycle.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the cycle, e.g. Batch A #3." }),
    position: t.exposeInt("position", { description: "1-based position of the cycle within its batch." }),
    currentStatus: t.field({ type: StatusRef, description: "The cycle's current status.", resolve: (cycle) => cycle }),
    isRetry: t.exposeBoolean("isRetry", { description: "Whether the cycle repeats work that failed before." }),
    batch: t.field({ type: BatchNode, description: "The batch the cycle belongs to.", resolve: (cycle) => cycle.batchId }),
    workOrder: t.field({
      type: WorkOrderNode,
      description: "The work order the cycle's batch belongs to.",
      resolve: (cycle) => cycle.workOrderId,
    }),
    location: t.field({ type: LocationNode, description: "Where the cycle is worked.", resolve: (cycle) => cycle.locationId }),
    assignedUser: t.field({
      type: UserNode,
      nullable: true,
      description: "The technician working the cycle; null while nobody has taken it.",
      resolve: (cycle) => cycle.assignedUserId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the cycle was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the cycle last changed." }),
  }),
});
