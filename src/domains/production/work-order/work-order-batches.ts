// A work order's project and batches.
import { builder } from "../../../graphql/builder.ts";
import { manyConnection, toOne } from "../../../data/planner/fields.ts";
import { BatchNode } from "../batch/batch.ts";
import { ProjectNode } from "../catalog/project.ts";
import { projectTable, workOrderBatches, workOrderTable } from "../tables.ts";
import { WorkOrderNode } from "./work-order.ts";

builder.objectFields(WorkOrderNode, (t) => ({
  project: t.field({
    type: ProjectNode,
    description: "The project the work order belongs to, with its program, customer and allowed statuses.",
    ...toOne(projectTable, "projectId"),
  }),
  batches: t.connection({
    type: BatchNode,
    description:
      "The batches the work order is broken into, oldest first; at most 100 per page, sized by `first` or `last` " +
      "(one is required).",
    ...manyConnection(workOrderTable, workOrderBatches),
  }),
}));
