// A retry of an idempotent mutation whose response was never stored resumes it: the fields
// that committed answer their committed outcome, the others run (item 12). The states a crash
// leaves are made here in process; test/static/idempotency-crash.test.ts kills a real server.
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { failWrites, removeFaults } from "../faults.ts";

const TWO_SENDS_AND_AN_UPDATE = `
mutation Resumable($first: SendMessagesInput!, $update: UpdateBatchInput!, $last: SendMessagesInput!) {
  a: sendMessages(input: $first) { messages { id text createdAt } processStatus { id status completedAt } }
  b: updateBatch(input: $update) { batch { id label numberCycles } processStatus { id status } }
  c: sendMessages(input: $last) { messages { id text } processStatus { id } }
}`;

async function fixture() {
  const { batches } = await createBatches(1);
  const tag = randomUUID().slice(0, 8);
  const send = (text: string) => ({
    messages: [{ recipient: "+48500100200", sender: "Sklep24", text: `${text} ${tag}` }],
  });
  const variables = {
    first: send("first"),
    update: { id: globalId("Batch", batches[0]!.id), label: `Resumed ${tag}`, numberCycles: 5 },
    last: send("last"),
  };
  const sent = (text: string) => prisma.message.count({ where: { text: `${text} ${tag}` } });
  const before = (await prisma.processStatus.aggregate({ _max: { id: true } }))._max.id ?? 0;
  /** Process statuses recorded by this test's operations, per status. */
  const recorded = async () => {
    const rows = await prisma.processStatus.findMany({ where: { id: { gt: before } } });
    return rows.map((row) => `${row.eventType} ${row.status}`).sort();
  };
  return { batchId: batches[0]!.id, variables, sent, recorded };
}

/** What a crash right after the commits leaves: outcomes committed, no stored response, a lease run out. */
const crashBeforeTheResponse = (requestId: string) => prisma.$executeRaw`
  UPDATE idempotent_request SET response = 'null'::jsonb, leased_until = now() WHERE request_id = ${requestId}::uuid`;

const run = (variables: object, requestId: string) =>
  post<Record<string, any>>({ query: TWO_SENDS_AND_AN_UPDATE, variables }, { "x-request-id": requestId });

test("after a crash between the commit and the stored response, a retry returns the first result and writes nothing", async () => {
  const { batchId, variables, sent, recorded } = await fixture();
  const requestId = randomUUID();
  const first = await run(variables, requestId);
  expect(first.errors).toBeUndefined();
  const once = ["SEND_MESSAGES SUCCESS", "SEND_MESSAGES SUCCESS", "UPDATE_BATCH SUCCESS"];
  expect(await recorded()).toEqual(once);
  await crashBeforeTheResponse(requestId);

  const retry = await run(variables, requestId);
  expect(retry.errors).toBeUndefined();
  expect(JSON.stringify(retry.data)).toBe(JSON.stringify(first.data)); // the same ids, dates and field order
  expect([await sent("first"), await sent("last")]).toEqual([1, 1]);
  expect(await prisma.cycle.count({ where: { batchId } })).toBe(5);
  expect(await recorded()).toEqual(once);
  // The retry stored its response: a third attempt is a plain replay.
  const third = await run(variables, requestId);
  expect(third.headers.get("idempotent-replayed")).toBe("true");
  expect(third.data).toEqual(first.data);
});

test(
  "when a later field fails unexpectedly, the retry answers the committed fields from their outcomes and runs " +
    "only the failed one",
  async () => {
    const { batchId, variables, sent } = await fixture();
    const requestId = randomUUID();
    await failWrites({ table: "batch", on: "UPDATE", when: `NEW.id = ${batchId}` });
    const first = await run(variables, requestId);
    expect(first.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [["b"], "INTERNAL_SERVER_ERROR"],
    ]);
    expect(first.data!.b).toBeNull();
    expect([await sent("first"), await sent("last")]).toEqual([1, 1]);
    await removeFaults();

    const retry = await run(variables, requestId);
    expect(retry.errors).toBeUndefined();
    expect(retry.data!.a).toEqual(first.data!.a);
    expect(retry.data!.c).toEqual(first.data!.c);
    expect(retry.data!.b).toMatchObject({
      batch: { label: variables.update.label, numberCycles: 5 },
      processStatus: { status: "SUCCESS" },
    });
    expect([await sent("first"), await sent("last")]).toEqual([1, 1]);
    expect(await prisma.cycle.count({ where: { batchId } })).toBe(5);
  },
);

test("an expected failure is an outcome too: the retry answers the same error and records no second FAILURE", async () => {
  const { variables, sent, recorded } = await fixture();
  const requestId = randomUUID();
  const refused = { ...variables, update: { ...variables.update, expectedVersion: 99 } };
  const first = await run(refused, requestId);
  expect(first.errors?.map((error) => error.extensions?.code)).toEqual(["CONFLICT"]);
  const failureId = first.errors![0]!.extensions!.processStatusId as string;
  await crashBeforeTheResponse(requestId);

  const retry = await run(refused, requestId);
  expect(retry.errors).toEqual(first.errors);
  expect(retry.data).toEqual(first.data);
  expect([await sent("first"), await sent("last")]).toEqual([1, 1]);
  const failures = await prisma.processStatus.findMany({
    where: { eventType: "UPDATE_BATCH", status: "FAILURE", entityId: variables.update.id },
  });
  expect(failures.map((failure) => globalId("ProcessStatus", failure.id))).toEqual([failureId]);
  expect(await recorded()).toEqual(["SEND_MESSAGES SUCCESS", "SEND_MESSAGES SUCCESS", "UPDATE_BATCH FAILURE"]);
});
