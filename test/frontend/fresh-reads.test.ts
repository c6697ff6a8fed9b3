// With the response cache on, no read returns the old state after a change has committed: a
// mutation in each domain, each background job, and a write made past both (item 14). Each
// case reads, checks the second read is a cache hit (no SQL), changes the data, reads again.
// Run with the cache in memory and in Redis.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { changedRows, isWriteStatement } from "../../src/data/committed-writes.ts";
import { prisma } from "../../src/data/db.ts";
import { registeredJobs } from "../../src/app/jobs.ts";
import { messageDispatcher } from "../../src/domains/messages/dispatcher.ts";
import { processStatusSweep } from "../../src/domains/processes/jobs.ts";
import { provisioningExecutorJob, provisioningRetentionJob } from "../../src/domains/provisioning/jobs.ts";
import { liveBatchWhere } from "../../src/domains/provisioning/retention.ts";
import { idempotentRequestPurge } from "../../src/pipeline/requests/jobs.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createLetterBatch } from "../letters/factories.ts";
import { createMessages } from "../messages/factories.ts";
import { create, numbers, submit } from "../provisioning/factories.ts";
import { type Gateway, send, tokenOf } from "./gateway.ts";
import { hasRedis, startRedis } from "./redis.ts";

interface Case {
  /** A query and its variables, read before and after the change. */
  read: { query: string; variables?: object };
  change: (ask: Ask) => Promise<unknown>;
  before: (data: any) => void;
  after: (data: any) => void;
}
type Ask = (query: string, variables?: object) => Promise<{ data?: any; errors?: unknown[] }>;

const mutation = (ask: Ask, query: string, input: object) =>
  ask(query, { input }).then((result) => expect(result.errors).toBeUndefined());

const MESSAGE_STATUS = "query($ids: [Int!]!) { messagesByIds(ids: $ids) { messages { status } } }";

const CASES: Record<string, () => Promise<Case>> = {
  "deleteBatch (production)": async () => {
    const { queue, batches } = await createBatches(2);
    const id = globalId("Batch", batches[0]!.id);
    return {
      read: {
        query: "query($id: ID!, $q: [ID!]) { batch(id: $id) { id } batches(filter: { queueIds: $q }) { totalCount } }",
        variables: { id, q: [globalId("Queue", queue.id)] },
      },
      change: (ask) =>
        mutation(ask, "mutation($input: DeleteBatchInput!) { deleteBatch(input: $input) { deletedBatchId } }", { id }),
      before: (data) => expect(data).toEqual({ batch: { id }, batches: { totalCount: 2 } }),
      after: (data) => expect(data).toEqual({ batch: null, batches: { totalCount: 1 } }),
    };
  },
  "updateLetterBatchStatus (letters)": async () => {
    const id = globalId("LetterBatch", (await createLetterBatch()).batch.id);
    return {
      read: { query: "query($id: ID!) { letterBatch(id: $id) { status } }", variables: { id } },
      change: (ask) =>
        mutation(
          ask,
          "mutation($input: UpdateLetterBatchStatusInput!) { updateLetterBatchStatus(input: $input) { lettersMoved } }",
          {
            id,
            status: "ACCEPTED",
          },
        ),
      before: (data) => expect(data.letterBatch.status).toBe("PENDING"),
      after: (data) => expect(data.letterBatch.status).toBe("ACCEPTED"),
    };
  },
  "cancelScheduledMessages (messages)": async () => {
    const [message] = await createMessages(1);
    return {
      read: { query: MESSAGE_STATUS, variables: { ids: [message!.id] } },
      change: (ask) =>
        mutation(
          ask,
          "mutation($input: CancelScheduledMessagesInput!) { cancelScheduledMessages(input: $input) { successCount } }",
          {
            ids: [message!.id],
          },
        ),
      before: (data) => expect(data.messagesByIds.messages).toEqual([{ status: "SCHEDULED" }]),
      after: (data) => expect(data.messagesByIds.messages).toEqual([{ status: "CANCELLED" }]),
    };
  },
  "submitProvisioningBatch (provisioning)": async () => {
    const count = await prisma.provisioningBatch.count({ where: liveBatchWhere() });
    return {
      read: { query: "{ provisioningBatches(first: 1) { totalCount } }" },
      change: (ask) =>
        mutation(
          ask,
          "mutation($input: SubmitProvisioningBatchInput!) { submitProvisioningBatch(input: $input) { batch { id } } }",
          {
            requests: [create(numbers())],
          },
        ),
      before: (data) => expect(data.provisioningBatches.totalCount).toBe(count),
      after: (data) => expect(data.provisioningBatches.totalCount).toBe(count + 1),
    };
  },
  "updateCycleStatus, read as its process statuses (processes)": async () => {
    const { batches } = await createBatches(1);
    const cycle = await prisma.cycle.findFirstOrThrow({ where: { batchId: batches[0]!.id } });
    const entityId = globalId("Cycle", cycle.id);
    return {
      read: {
        query:
          'query($e: String!) { processStatusesByEntity(entityId: $e, eventType: "UPDATE_CYCLE_STATUS") { totalCount } }',
        variables: { e: entityId },
      },
      change: (ask) =>
        mutation(
          ask,
          "mutation($input: UpdateCycleStatusInput!) { updateCycleStatus(input: $input) { cycle { id } } }",
          {
            id: entityId,
            category: "COMPLETE",
          },
        ),
      before: (data) => expect(data.processStatusesByEntity.totalCount).toBe(0),
      after: (data) => expect(data.processStatusesByEntity.totalCount).toBe(1),
    };
  },
  [`job ${messageDispatcher.name}`]: async () => {
    const [message] = await createMessages(1, { status: "ENQUEUED", scheduledAt: new Date(Date.now() - 60_000) });
    return {
      read: { query: MESSAGE_STATUS, variables: { ids: [message!.id] } },
      change: () => messageDispatcher.run(),
      before: (data) => expect(data.messagesByIds.messages).toEqual([{ status: "ENQUEUED" }]),
      after: (data) => expect(data.messagesByIds.messages).toEqual([{ status: "SENT" }]),
    };
  },
  [`job ${provisioningExecutorJob.name}`]: async () => {
    const batch = await submitDirectly();
    return {
      read: { query: "query($id: ID!) { provisioningBatch(id: $id) { status } }", variables: { id: batch } },
      change: async () => {
        for (let pass = 0; pass < 20 && (await statusOf(batch)) !== "COMPLETED"; pass++) {
          await provisioningExecutorJob.run();
        }
      },
      before: (data) => expect(data.provisioningBatch.status).toBe("INITIALISING"),
      after: (data) => expect(data.provisioningBatch.status).toBe("COMPLETED"),
    };
  },
  [`job ${provisioningRetentionJob.name}`]: async () => {
    const createdAt = new Date(Date.now() - 61 * 86_400_000);
    const old = await prisma.provisioningBatch.create({ data: { type: "SINGLE", createdAt } });
    const id = globalId("ProvisioningBatch", old.id);
    return {
      read: { query: "query($id: ID!) { provisioningBatch(id: $id) { id } }", variables: { id } },
      change: async () => {
        await provisioningRetentionJob.run();
        expect(await prisma.provisioningBatch.count({ where: { id: old.id } })).toBe(0);
      },
      // Expired batches read as gone before the purge too (src/domains/provisioning/retention.ts).
      before: (data) => expect(data.provisioningBatch).toBeNull(),
      after: (data) => expect(data.provisioningBatch).toBeNull(),
    };
  },
  [`job ${processStatusSweep.name}`]: async () => {
    const deadlineAt = new Date(Date.now() + 1_000);
    const pending = await prisma.processStatus.create({
      data: { eventType: "FRESH_READS", entityId: "x", deadlineAt },
    });
    const id = globalId("ProcessStatus", pending.id);
    return {
      read: { query: "query($id: ID!) { processStatus(id: $id) { status } }", variables: { id } },
      change: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        expect(await processStatusSweep.run()).toMatchObject({ timedOut: 1 });
      },
      before: (data) => expect(data.processStatus.status).toBe("PENDING"),
      after: (data) => expect(data.processStatus.status).toBe("TIMEOUT"),
    };
  },
  "a write past every mutation and job ($executeRaw)": async () => {
    const { batches } = await createBatches(1);
    const id = batches[0]!.id;
    return {
      read: { query: "query($id: ID!) { batch(id: $id) { label } }", variables: { id: globalId("Batch", id) } },
      change: () => prisma.$executeRaw`UPDATE batch SET label = 'Written raw' WHERE id = ${id}`,
      before: (data) => expect(data.batch.label).not.toBe("Written raw"),
      after: (data) => expect(data.batch.label).toBe("Written raw"),
    };
  },
};

/** A provisioning batch submitted through the shared gateway, before the cached gateway first reads it. */
async function submitDirectly(): Promise<string> {
  return (await submit([create(numbers())])).batch.id;
}

async function statusOf(batchId: string) {
  const id = Number(Buffer.from(batchId, "base64").toString().split(":")[1]);
  return (await prisma.provisioningBatch.findUniqueOrThrow({ where: { id } })).status;
}

test("writes are told from reads by the statement: DML counts, row locks and column names do not", () => {
  const cases: [string, boolean][] = [
    ['INSERT INTO "public"."batch" ("label") VALUES ($1) RETURNING "id"', true],
    [
      "WITH claimed AS MATERIALIZED (SELECT id FROM message FOR UPDATE SKIP LOCKED) UPDATE message m SET status = 'x'",
      true,
    ],
    ['DELETE FROM "public"."provisioning_batch" WHERE "created_at" < $1', true],
    ["SELECT status FROM letter_batch WHERE id = $1 FOR UPDATE", false],
    ["SELECT id FROM provisioning_request FOR NO KEY UPDATE SKIP LOCKED", false],
    ['SELECT "updated_at", "deleted_count", "inserted_by" FROM "public"."message"', false],
  ];
  expect(cases.map(([sql]) => isWriteStatement(sql))).toEqual(cases.map(([, write]) => write));
  expect(changedRows("UPDATE message SET status = 'SENT' RETURNING id", { rows: [] })).toBe(false);
  expect(changedRows("UPDATE message SET status = 'SENT'", { rows: [] })).toBe(true); // no RETURNING: assume it did
  expect(changedRows("DELETE FROM batch WHERE id = $1", { rowCount: 0 })).toBe(false);
});

test("every registered job that changes what queries read has a case here", () => {
  // Request ids are not readable through the graph.
  const readable = registeredJobs().filter((job) => job !== idempotentRequestPurge);
  expect(readable.length).toBe(4);
  for (const job of readable) expect(Object.keys(CASES), job.name).toContain(`job ${job.name}`);
});

let redis: ChildProcess | undefined;
afterAll(() => redis?.kill("SIGKILL"));

describe.each(["in memory", "in Redis"])("response cache %s: no stale read after", (store) => {
  const skip = store === "in Redis" && !hasRedis && process.env.CI !== "true";
  let gateway: Gateway;
  let token: string;
  beforeAll(async () => {
    if (skip) return;
    let redisUrl: string | undefined;
    if (store === "in Redis") ({ url: redisUrl, process: redis } = await startRedis());
    gateway = createGateway({ responseCache: { enabled: true, ttlMs: 60_000, redisUrl } });
    token = await tokenOf("alice");
  });

  test.skipIf(skip).each(Object.keys(CASES))("%s", async (name) => {
    const testCase = await CASES[name]!();
    const ask: Ask = async (query, variables) => (await send(gateway, { query, variables }, token)).json() as never;
    const first = await ask(testCase.read.query, testCase.read.variables);
    expect(first.errors).toBeUndefined();
    testCase.before(first.data);
    const cached = await recordStatements(() => ask(testCase.read.query, testCase.read.variables));
    expect(cached.statements).toEqual([]);
    expect(cached.result.data).toEqual(first.data);

    await testCase.change(ask);

    const after = await ask(testCase.read.query, testCase.read.variables);
    expect(after.errors).toBeUndefined();
    testCase.after(after.data);
  });
});
