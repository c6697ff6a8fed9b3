// One failing mutation field never voids its siblings: every Mutation field is nullable, so a
// failed one is null with its error while the ones that committed keep their payloads (item 13).
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createLetterBatch } from "../letters/factories.ts";
import { createMessages } from "../messages/factories.ts";
import { create, numbers } from "../provisioning/factories.ts";

const MIXED = `
mutation Mixed($batch: CreateBatchInput!, $noCycles: CreateBatchInput!, $refused: UpdateLetterBatchStatusInput!,
  $send: SendMessagesInput!, $cancel: CancelScheduledMessagesInput!, $empty: SubmitProvisioningBatchInput!,
  $submit: SubmitProvisioningBatchInput!, $accept: UpdateLetterBatchStatusInput!) {
  a: createBatch(input: $batch) { batch { id label } processStatus { id status } }
  b: createBatch(input: $noCycles) { batch { id } }
  c: updateLetterBatchStatus(input: $refused) { letterBatch { id } }
  d: sendMessages(input: $send) { messages { id messageId } processStatus { status } }
  e: cancelScheduledMessages(input: $cancel) { successCount results { message { status } } }
  f: submitProvisioningBatch(input: $empty) { batch { id } }
  g: submitProvisioningBatch(input: $submit) { batch { id } processStatus { status } }
  h: updateLetterBatchStatus(input: $accept) { letterBatch { id status } lettersMoved }
}`;

test("a failing mutation field is null with its error; the fields that committed keep their results, in every domain", async () => {
  const { queue, workOrder } = await createBatches(1);
  const target = { queueId: globalId("Queue", queue.id), workOrderId: globalId("WorkOrder", workOrder.id) };
  const delivered = await createLetterBatch({ status: "DELIVERED" });
  const pending = await createLetterBatch({ letters: 2 });
  const [scheduled] = await createMessages(1);
  const variables = {
    batch: { ...target, label: "Kept A", numberCycles: 2 },
    noCycles: { ...target, label: "Refused B", numberCycles: 0 },
    refused: { id: globalId("LetterBatch", delivered.batch.id), status: "PRINTED" },
    send: { messages: [{ recipient: "+48500100200", sender: "Sklep24", text: "Kept D" }] },
    cancel: { ids: [scheduled!.id] },
    empty: { requests: [] },
    submit: { requests: [create(numbers())] },
    accept: { id: globalId("LetterBatch", pending.batch.id), status: "ACCEPTED" },
  };

  const result = await post<Record<string, any>>({ query: MIXED, variables });

  expect(result.status).toBe(200);
  expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
    [["b"], "BAD_USER_INPUT"],
    [["c"], "CONFLICT"],
    [["f"], "BAD_USER_INPUT"],
  ]);
  const data = result.data!;
  expect([data.b, data.c, data.f]).toEqual([null, null, null]);
  expect(data.a.batch.label).toBe("Kept A");
  expect(data.a.processStatus.status).toBe("SUCCESS");
  expect(data.d.messages).toHaveLength(1);
  expect(data.e).toEqual({ successCount: 1, results: [{ message: { status: "CANCELLED" } }] });
  expect(data.g.processStatus.status).toBe("PENDING");
  expect(data.h).toMatchObject({ letterBatch: { status: "ACCEPTED" }, lettersMoved: 2 });

  // The ids the client got are the rows that exist.
  const batchId = Number(Buffer.from(data.a.batch.id, "base64").toString().split(":")[1]);
  expect((await prisma.batch.findUniqueOrThrow({ where: { id: batchId } })).label).toBe("Kept A");
  expect(await prisma.batch.count({ where: { label: "Refused B" } })).toBe(0);
  expect((await prisma.message.findUniqueOrThrow({ where: { id: data.d.messages[0].messageId } })).text).toBe("Kept D");
  const provisioningId = Number(Buffer.from(data.g.batch.id, "base64").toString().split(":")[1]);
  expect(await prisma.provisioningBatch.count({ where: { id: provisioningId } })).toBe(1);
});
