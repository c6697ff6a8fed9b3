import type { Context } from "../context.ts";
import { type Batch, type Location, Prisma, type Queue, type WorkOrder } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseRawId } from "../graphql/ids.ts";
import { readAhead } from "../graphql/read-ahead.ts";
import { rowsByIds } from "../db.ts";
import { DATE_FIELDS } from "./dates.ts";
import { CustomerNode } from "./customer.ts";
import { LocationNode } from "./location.ts";
import { ProgramNode } from "./program.ts";
import { ProjectNode } from "./project.ts";
import { QueueNode } from "./queue.ts";
import { StatusRef } from "./status.ts";
import { WorkOrderNode } from "./work-order.ts";
import { readScope } from "../auth/type-scopes.ts";

async function projectOf(batch: { workOrderId: number }, context: Context) {
  const workOrder = await WorkOrderNode.getDataloader(context).load(batch.workOrderId);
  return ProjectNode.getDataloader(context).load(workOrder.projectId);
}

export const BatchNode = builder.loadableNode("Batch", {
  ...readScope("batch:read"),
  description:
    "A slice of a work order (e.g. 10 of its 500 iPads) placed in a production queue and worked through as cycles by its assigned technicians.",
  id: { resolve: (batch) => batch.id, parse: parseRawId },
  load: (ids: number[]) => rowsByIds<Batch>("batch", Prisma.BatchScalarFieldEnum, ids, DATE_FIELDS.batch),
  sort: (batch) => batch.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the batch, e.g. Batch A." }),
    order: t.exposeString("order", { description: "Lexicographic processing order of the batch within its queue." }),
    numberCycles: t.exposeInt("numberCycles", { description: "How many cycles (units of work) the batch needs." }),
    currentStatus: t.field({
      type: StatusRef,
      description: "The batch's current status.",
      resolve: (batch) => batch,
    }),
    dueDate: t.expose("dueDate", { type: "DateTime", nullable: true, description: "Due date, from the work order." }),
    workOrder: t.field({
      type: WorkOrderNode,
      description: "The work order the batch belongs to.",
      resolve: (batch) => readAhead<WorkOrder>(batch, "workOrder") ?? batch.workOrderId,
    }),
    queue: t.field({
      type: QueueNode,
      description: "The production queue the batch is placed in.",
      resolve: (batch) => readAhead<Queue>(batch, "queue") ?? batch.queueId,
    }),
    location: t.field({
      type: LocationNode,
      description: "Where the batch is produced (its queue's location).",
      resolve: (batch) => readAhead<Location>(batch, "location") ?? batch.locationId,
    }),
    project: t.field({
      type: ProjectNode,
      description: "The project of the batch's work order.",
      resolve: async (batch, _args, context) => (await WorkOrderNode.getDataloader(context).load(batch.workOrderId)).projectId,
    }),
    program: t.field({
      type: ProgramNode,
      description: "The program of the batch's work order's project.",
      resolve: async (batch, _args, context) => (await projectOf(batch, context)).programId,
    }),
    customer: t.field({
      type: CustomerNode,
      description: "The customer the batch's work is done for.",
      resolve: async (batch, _args, context) => (await projectOf(batch, context)).customerId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the batch was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the batch last changed." }),
  }),
});
