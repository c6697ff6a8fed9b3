// With REDIS_URL the response cache is shared: two gateway instances answer from the same
// entries, and a mutation through one invalidates what the other cached.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, expect, test } from "vitest";
import { createGateway } from "../../src/yoga.ts";
import { recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { FrontendBatchListDocument, FrontendCreateBatchDocument } from "../generated/graphql.ts";
import { freePort } from "../setup/ports.ts";
import { run, tokenOf } from "./gateway.ts";

const hasRedis = (() => {
  try {
    return Boolean(execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim());
  } catch {
    return false;
  }
})();
let redis: ChildProcess | undefined;
afterAll(() => redis?.kill("SIGKILL"));

async function startRedis(): Promise<string> {
  const port = await freePort();
  redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer().listen(port, "127.0.0.1", () => socket.close(() => resolve(false))).on("error", () => resolve(true));
    });
    if (up) return `redis://127.0.0.1:${port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("redis-server did not start");
}

test.skipIf(!hasRedis && process.env.CI !== "true")("two instances share cached responses through Redis, a mutation on one refreshes the other, and a Redis outage only costs hits", async () => {
  const redisUrl = await startRedis();
  const [a, b] = [1, 2].map(() => createGateway({ responseCache: { enabled: true, ttlMs: 60_000, redisUrl } }));
  const { queue, workOrder } = await createBatches(2);
  const filter = { queueIds: [globalId("Queue", queue.id)] };
  const token = await tokenOf("alice");

  await run(a!, FrontendBatchListDocument, { filter }, token);
  const fromB = await recordStatements(() => run(b!, FrontendBatchListDocument, { filter }, token));
  expect(fromB.statements).toEqual([]);
  expect(fromB.result.data?.batches.totalCount).toBe(2);

  const input = { queueId: globalId("Queue", queue.id), workOrderId: globalId("WorkOrder", workOrder.id), label: "Via B", numberCycles: 1 };
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
});
