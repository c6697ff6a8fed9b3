// A work order's project and batches, batched across every work order of the request.
import { builder } from "../graphql/builder.ts";
import { listOf } from "../graphql/pagination.ts";
import { BatchNode } from "./batch.ts";
import { workOrderBatchCounts, workOrderBatchPages } from "./loaders.ts";
import { NO_FILTER, parentConnection } from "./parent-loaders.ts";
import { ProjectNode } from "./project.ts";
import { WorkOrderNode } from "./work-order.ts";


builder.objectFields(WorkOrderNode, (t) => ({
  project: t.field({
    type: ProjectNode,
    description: "The project the work order belongs to, with its program, customer and allowed statuses.",
    resolve: (workOrder) => workOrder.projectId,
  }),
  batches: t.connection({
    type: BatchNode,
    description: "The batches the work order is broken into, oldest first; at most 100 per page (default 20).",
    resolve: (workOrder, args, context, info) => {
      const key = { parentId: workOrder.id, ...NO_FILTER };
      const count = () => workOrderBatchCounts(context).load(key);
      return parentConnection(listOf(info), args, workOrderBatchPages(context), key, count);
    },
  }),
}));
