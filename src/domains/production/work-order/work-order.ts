import type { WorkOrder } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { LocationNode } from "../catalog/location.ts";
import { locationTable, workOrderTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const WorkOrderNode = builder.loadableNode("WorkOrder", {
  ...tableBacked(workOrderTable, readScope("batch:read")),
  description: "A customer's request for work (e.g. provision 500 iPads), broken down into batches.",
  id: { resolve: (workOrder) => workOrder.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<WorkOrder>(workOrderTable, ids),
  sort: (workOrder) => workOrder.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the work order." }),
    description: t.exposeString("description", { nullable: true, description: "What the work order asks for." }),
    workOrderType: t.exposeString("workOrderType", { description: "Kind of work, e.g. device." }),
    workflow: t.exposeString("workflow", { nullable: true, description: "Name of the workflow its units follow." }),
    beginDate: t.expose("beginDate", { type: "DateTime", nullable: true, description: "When work may begin." }),
    dueDate: t.expose("dueDate", { type: "DateTime", nullable: true, description: "When the work is due." }),
    startDate: t.expose("startDate", { type: "DateTime", nullable: true, description: "When work actually started." }),
    endDate: t.expose("endDate", { type: "DateTime", nullable: true, description: "When work actually ended." }),
    location: t.field({
      type: LocationNode,
      description: "Where the work order is produced.",
      ...toOne(locationTable, "locationId"),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the work order was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the work order last changed." }),
  }),
});
