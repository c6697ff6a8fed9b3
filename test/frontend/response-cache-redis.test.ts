// With REDIS_URL the response cache is shared: two gateway instances answer from the same
// entries, and a mutation through one invalidates what the other cached.
import type { ChildProcess } from "node:child_process";
import { afterAll, expect, test } from "vitest";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { FrontendBatchListDocument, FrontendCreateBatchDocument } from "../generated/graphql.ts";
import { run, tokenOf } from "./gateway.ts";
import { hasRedis, startRedis as startRedisServer } from "./redis.ts";

let redis: ChildProcess | undefined;
afterAll(() => redis?.kill("SIGKILL"));

async function startRedis(): Promise<string> {
  const started = await startRedisServer();
  redis = started.process;
  return started.url;
}

test.skipIf(!hasRedis && process.env.CI !== "true")(
  "two instances share cached responses through Redis, a mutation on one refreshes the other, and a Redis outage " +
    "only costs hits",
  async () => {
    const redisUrl = await startRedis();
    const [a, b] = [1, 2].map(() => createGateway({ responseCache: { enabled: true, ttlMs: 60_000, redisUrl } }));
    const { queue, workOrder } = await createBatches(2);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const token = await tokenOf("alice");

    await run(a!, FrontendBatchListDocument, { filter }, token);
    const fromB = await recordStatements(() => run(b!, FrontendBatchListDocument, { filter }, token));
    expect(fromB.statements).toEqual([]);
    expect(fromB.result.data?.batches.totalCount).toBe(2);

    const input = {
      queueId: globalId("Queue", queue.id),
      workOrderId: globalId("WorkOrder", workOrder.id),
      label: "Via B",
      numberCycles: 1,
    };
    await run(b!, FrontendCreateBatchDocument, { input }, token);
    const fromA = await run(a!, FrontendBatchListDocument, { filter }, token);
    expect(fromA.data?.batches.totalCount).toBe(3);
    expect(fromA.data?.batches.edges.map((e) => e.node.label)).toContain("Via B");

    // Without Redis the gateway still answers, from the database.
    redis!.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    const withoutRedis = await recordStatements(() => run(a!, FrontendBatchListDocument, { filter }, token));
    expect(withoutRedis.result.data?.batches.totalCount).toBe(3);
    expect(withoutRedis.statements.length).toBeGreaterThan(0);
  },
);
