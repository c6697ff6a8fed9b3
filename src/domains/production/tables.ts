// The production domain's tables as the planner reads them (src/data/planner/table.ts) and the
// relations between them, declared once; the GraphQL types beside them say which field follows
// which relation.
import { Prisma } from "../../generated/prisma/client.ts";
import type {
  Batch,
  BatchRelation,
  BatchTech,
  Customer,
  Cycle,
  Location,
  Program,
  Project,
  Queue,
  User,
  WorkOrder,
} from "../../generated/prisma/client.ts";
import { orderOf } from "../../data/planner/order.ts";
import type { ManyRelation } from "../../data/planner/plan.ts";
import { defineTable } from "../../data/planner/table.ts";

const TIMESTAMPS = ["createdAt", "updatedAt"] as const;
const STATUS = { statusCategory: "status_category" } as const;

export const locationTable = defineTable<Location>({
  name: "location",
  fields: Prisma.LocationScalarFieldEnum,
  dates: TIMESTAMPS,
});
export const customerTable = defineTable<Customer>({
  name: "customer",
  fields: Prisma.CustomerScalarFieldEnum,
  dates: TIMESTAMPS,
});
export const programTable = defineTable<Program>({
  name: "program",
  fields: Prisma.ProgramScalarFieldEnum,
  dates: [...TIMESTAMPS, "startDate", "endDate"],
});
export const projectTable = defineTable<Project>({
  name: "project",
  fields: Prisma.ProjectScalarFieldEnum,
  dates: [...TIMESTAMPS, "startDate", "endDate"],
});
export const workOrderTable = defineTable<WorkOrder>({
  name: "work_order",
  fields: Prisma.WorkOrderScalarFieldEnum,
  dates: [...TIMESTAMPS, "beginDate", "dueDate", "startDate", "endDate"],
});
export const queueTable = defineTable<Queue>({ name: "queue", fields: Prisma.QueueScalarFieldEnum, dates: TIMESTAMPS });
export const userTable = defineTable<User>({ name: "app_user", fields: Prisma.UserScalarFieldEnum, dates: TIMESTAMPS });
export const batchTable = defineTable<Batch>({
  name: "batch",
  fields: Prisma.BatchScalarFieldEnum,
  dates: [...TIMESTAMPS, "dueDate"],
  enums: STATUS,
});
export const cycleTable = defineTable<Cycle>({
  name: "cycle",
  fields: Prisma.CycleScalarFieldEnum,
  dates: TIMESTAMPS,
  enums: STATUS,
});
export const batchTechTable = defineTable<BatchTech>({
  name: "batch_tech",
  fields: Prisma.BatchTechScalarFieldEnum,
  dates: ["assignedAt"],
  key: "userId",
});
export const batchRelationTable = defineTable<BatchRelation>({
  name: "batch_relation",
  fields: Prisma.BatchRelationScalarFieldEnum,
  dates: ["createdAt"],
  enums: { direction: "relation_direction" },
});

const byId = (table: Parameters<typeof orderOf>[0]) => {
  const order = orderOf(table, [{ field: "id", direction: "asc" }]);
  return () => order;
};

/** A batch's cycles, in the order they were created. */
export const batchCycles: Omit<ManyRelation, "filter"> = {
  target: cycleTable,
  parentField: "batchId",
  order: byId(cycleTable),
};

/** The technicians assigned to a batch, in user id order. */
export const batchTechs: ManyRelation = {
  target: userTable,
  parentField: "batchId",
  through: { table: batchTechTable, parentField: "batchId", targetField: "userId" },
  order: byId(userTable),
};

/** The relations attached to a batch, oldest first. */
export const batchRelations: Omit<ManyRelation, "filter"> = {
  target: batchRelationTable,
  parentField: "batchId",
  order: byId(batchRelationTable),
};

/** The batches of a work order, oldest first. */
export const workOrderBatches: ManyRelation = {
  target: batchTable,
  parentField: "workOrderId",
  order: byId(batchTable),
};

/** The batches placed in a queue, oldest first. */
export const queueBatches: ManyRelation = { target: batchTable, parentField: "queueId", order: byId(batchTable) };
