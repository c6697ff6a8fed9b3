import { describe, expect, test } from "vitest";
import { execute, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import {
  BatchDetailsDocument,
  BatchStatusSummaryDocument,
  CyclesPageDocument,
  QueueByIdDocument,
  QueuesPageDocument,
  WorkOrderDetailsDocument,
  WorkOrdersPageDocument,
} from "../generated/graphql.ts";

describe("scopes", () => {
  test(
    "batch:read reads one batch, work order or queue but not the root lists, which need batch:all (and " +
      "batch:read for their items)",
    async () => {
      const { queue, workOrder, batches } = await createBatches(1);
      const readOnly = { authorization: `Bearer ${await tokenFor(["batch:read"])}` };
      const one = [
        await execute(BatchDetailsDocument, { id: globalId("Batch", batches[0]!.id) }, readOnly),
        await execute(WorkOrderDetailsDocument, { id: globalId("WorkOrder", workOrder.id) }, readOnly),
        await execute(QueueByIdDocument, { id: globalId("Queue", queue.id) }, readOnly),
      ];
      for (const result of one) expect(result.errors).toBeUndefined();
      const lists = [
        await execute(WorkOrdersPageDocument, { first: 20 }, readOnly),
        await execute(QueuesPageDocument, {}, readOnly),
        await execute(CyclesPageDocument, {}, readOnly),
        await execute(BatchStatusSummaryDocument, { groupBy: "QUEUE", first: 20 }, readOnly),
      ];
      for (const result of lists) expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });

      const listOnly = { authorization: `Bearer ${await tokenFor(["batch:all"])}` };
      const denied = await execute(QueuesPageDocument, { first: 1 }, listOnly);
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    },
  );
});
