import type { Cycle } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { embed, toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { BatchNode } from "../batch/batch.ts";
import { LocationNode } from "../catalog/location.ts";
import { StatusRef } from "../catalog/status.ts";
import { batchTable, cycleTable, locationTable, userTable, workOrderTable } from "../tables.ts";
import { UserNode } from "../catalog/user.ts";
import { WorkOrderNode } from "../work-order/work-order.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const CycleNode = builder.loadableNode("Cycle", {
  ...tableBacked(cycleTable, readScope("batch:read")),
  description: "One unit of work of a batch (e.g. provisioning one iPad), worked by a technician.",
  id: { resolve: (cycle) => cycle.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Cycle>(cycleTable, ids),
  sort: (cycle) => cycle.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the cycle, e.g. Batch A #3." }),
    position: t.exposeInt("position", { description: "1-based position of the cycle within its batch." }),
    currentStatus: t.field({
      type: StatusRef,
      description: "The cycle's current status.",
      ...embed<Cycle>("statusLabel", "statusCategory", "statusDescription", "statusOrder"),
    }),
    isRetry: t.exposeBoolean("isRetry", { description: "Whether the cycle repeats work that failed before." }),
    batch: t.field({
      type: BatchNode,
      description: "The batch the cycle belongs to.",
      ...toOne(batchTable, "batchId"),
    }),
    workOrder: t.field({
      type: WorkOrderNode,
      description: "The work order the cycle's batch belongs to.",
      ...toOne(workOrderTable, "workOrderId"),
    }),
    location: t.field({
      type: LocationNode,
      description: "Where the cycle is worked.",
      ...toOne(locationTable, "locationId"),
    }),
    assignedUser: t.field({
      type: UserNode,
      nullable: true,
      description: "The technician working the cycle; null while nobody has taken it.",
      ...toOne(userTable, "assignedUserId"),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the cycle was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the cycle last changed." }),
  }),
});
