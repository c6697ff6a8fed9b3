// Process status ids as clients meet them: duplicates in processStatuses(ids:) count once toward
// the limit, and the processStatusId on a failed mutation's error is a global id that
// processStatus(id:) reads.
import { expect, test } from "vitest";
import { execute, query, recordStatements } from "../client.ts";
import { createLocation, createWorkOrder, globalId } from "../factories.ts";
import {
  CreateBatchDocument,
  ProcessStatusByIdDocument,
  ProcessStatusesByIdsDocument,
  UpdateLetterBatchStatusDocument,
} from "../generated/graphql.ts";
import { createLetterBatch } from "../letters/factories.ts";
import { createProcessStatus } from "./factories.ts";

const psId = (id: number) => globalId("ProcessStatus", id);

test("processStatuses: duplicates count once toward the 1000 ids; 1001 distinct are refused before SQL", async () => {
  const made = await createProcessStatus();
  const thousand = Array.from({ length: 1000 }, (_, i) => psId(i === 0 ? made.id : 1_000_000 + i));
  const withRepeats = [...thousand, ...thousand.slice(0, 500), psId(made.id)];
  const { result, statements } = await recordStatements(() =>
    execute(ProcessStatusesByIdsDocument, { ids: withRepeats }),
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.processStatuses.map((status) => status.id)).toEqual([psId(made.id)]);
  expect(statements).toHaveLength(1);

  const tooMany = await recordStatements(() =>
    execute(ProcessStatusesByIdsDocument, { ids: [...withRepeats, psId(2_000_000)] }),
  );
  expect(tooMany.result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids" });
  expect(tooMany.result.errors?.[0]?.message).toMatch(/at most 1000 distinct process statuses, got 1001/);
  expect(tooMany.statements).toEqual([]);
});

test("processStatuses: a bad id among repeats names its first position", async () => {
  const result = await execute(ProcessStatusesByIdsDocument, { ids: [psId(1), "junk", psId(1), "junk"] });
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids[1]" });
});

test("a failed mutation's processStatusId is the global id processStatus(id:) reads", async () => {
  const location = await createLocation();
  const workOrder = await createWorkOrder({ locationId: location.id });
  const unknownQueue = await execute(CreateBatchDocument, {
    input: {
      queueId: globalId("Queue", 999_999),
      workOrderId: globalId("WorkOrder", workOrder.id),
      label: "B",
      numberCycles: 1,
    },
  });
  const { batch } = await createLetterBatch({ status: "PRINTED" });
  const refusedMove = await execute(UpdateLetterBatchStatusDocument, {
    input: { id: globalId("LetterBatch", batch.id), status: "PENDING" },
  });
  const failures = [
    { result: unknownQueue, eventType: "CREATE_BATCH", code: "NOT_FOUND" },
    { result: refusedMove, eventType: "UPDATE_LETTER_BATCH_STATUS", code: "CONFLICT" },
  ];
  for (const { result, eventType, code } of failures) {
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    const processStatusId = String(result.errors?.[0]?.extensions?.processStatusId);
    expect(Buffer.from(processStatusId, "base64").toString()).toMatch(/^ProcessStatus:\d+$/);
    const { processStatus } = await query(ProcessStatusByIdDocument, { id: processStatusId });
    expect(processStatus).toMatchObject({ id: processStatusId, eventType, status: "FAILURE" });
  }
});
