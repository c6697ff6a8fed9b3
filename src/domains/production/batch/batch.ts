import type { Batch } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { embed, toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { CustomerNode } from "../catalog/customer.ts";
import { LocationNode } from "../catalog/location.ts";
import { ProgramNode } from "../catalog/program.ts";
import { ProjectNode } from "../catalog/project.ts";
import { QueueNode } from "../queue/queue.ts";
import { StatusRef } from "../catalog/status.ts";
import {
  batchTable,
  customerTable,
  locationTable,
  programTable,
  projectTable,
  queueTable,
  workOrderTable,
} from "../tables.ts";
import { WorkOrderNode } from "../work-order/work-order.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

const toProject = { table: workOrderTable, field: "projectId" };

export const BatchNode = builder.loadableNode("Batch", {
  ...tableBacked(batchTable, readScope("batch:read")),
  description:
    "A slice of a work order (e.g. 10 of its 500 iPads) placed in a production queue and worked through as cycles " +
    "by its assigned technicians.",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Batch>(batchTable, ids),
  sort: (batch) => batch.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the batch, e.g. Batch A." }),
    order: t.exposeString("order", { description: "Lexicographic processing order of the batch within its queue." }),
    numberCycles: t.exposeInt("numberCycles", { description: "How many cycles (units of work) the batch needs." }),
    currentStatus: t.field({
      type: StatusRef,
      description: "The batch's current status.",
      ...embed<Batch>("statusLabel", "statusCategory", "statusDescription", "statusOrder"),
    }),
    dueDate: t.expose("dueDate", { type: "DateTime", nullable: true, description: "Due date, from the work order." }),
    workOrder: t.field({
      type: WorkOrderNode,
      description: "The work order the batch belongs to.",
      ...toOne(workOrderTable, "workOrderId"),
    }),
    queue: t.field({
      type: QueueNode,
      description: "The production queue the batch is placed in.",
      ...toOne(queueTable, "queueId"),
    }),
    location: t.field({
      type: LocationNode,
      description: "Where the batch is produced (its queue's location).",
      ...toOne(locationTable, "locationId"),
    }),
    project: t.field({
      type: ProjectNode,
      description: "The project of the batch's work order.",
      ...toOne(projectTable, "workOrderId", toProject),
    }),
    program: t.field({
      type: ProgramNode,
      description: "The program of the batch's work order's project.",
      ...toOne(programTable, "workOrderId", toProject, { table: projectTable, field: "programId" }),
    }),
    customer: t.field({
      type: CustomerNode,
      description: "The customer the batch's work is done for.",
      ...toOne(customerTable, "workOrderId", toProject, { table: projectTable, field: "customerId" }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the batch was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the batch last changed." }),
  }),
});
