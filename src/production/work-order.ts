import { Prisma, type WorkOrder } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { rowsByIds } from "../db.ts";
import { DATE_FIELDS } from "./dates.ts";
import { LocationNode } from "./location.ts";
import { readScope } from "../auth/type-scopes.ts";

/**
 * The row fields each WorkOrder field reads: a batches page reading ahead its work orders for a
 * selection of only these reads only their columns (src/production/batch-preload.ts).
 * test/production/read-ahead-row-fields.test.ts checks every field against node(id:).
 */
export const WORK_ORDER_FIELD_READS: Record<string, readonly (keyof WorkOrder)[]> = {
  __typename: [],
  id: ["id"],
  label: ["label"],
  description: ["description"],
  workOrderType: ["workOrderType"],
  workflow: ["workflow"],
  beginDate: ["beginDate"],
  dueDate: ["dueDate"],
  startDate: ["startDate"],
  endDate: ["endDate"],
  location: ["locationId"],
  createdAt: ["createdAt"],
  updatedAt: ["updatedAt"],
};

export const WorkOrderNode = builder.loadableNode("WorkOrder", {
  ...readScope("batch:read"),
  description: "A customer's request for work (e.g. provision 500 iPads), broken down into batches.",
  id: { resolve: (workOrder) => workOrder.id, parse: parseRawId },
  load: (ids: number[]) => rowsByIds<WorkOrder>("work_order", Prisma.WorkOrderScalarFieldEnum, ids, DATE_FIELDS.workOrder),
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
      resolve: (workOrder) => workOrder.locationId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the work order was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the work order last changed." }),
  }),
});
