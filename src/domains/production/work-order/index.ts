// Work orders: the WorkOrder type, its batches and the workOrders list.
// Importing this defines them on the builder; the export is what the production domain registers.
import "./work-order.ts";
import "./work-order-batches.ts";
import "./work-order-queries.ts";
import { WorkOrderNode } from "./work-order.ts";

/** Its types a federation router resolves by id. */
export const entities = [WorkOrderNode] as const;
