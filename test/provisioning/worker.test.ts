// `npm run worker` as a real child process against this file's database. PGlite is an
// embedded, single-process database, so these run in the postgres project only.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { createExecutor } from "../../src/domains/provisioning/executor.ts";
import { block, createSubscriptions, submit } from "./factories.ts";
import { counted } from "../counted.ts";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function startWorker(workerId: string, env: Record<string, string> = {}) {
  // Node itself with tsx's loader, not the tsx CLI: the CLI runs the script in a child process
  // that a SIGKILL of the CLI would leave running.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, WORKER_ID: workerId, PROVISIONING_POLL_INTERVAL: "50ms", LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 40_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(25);
  }
}

async function submitBlocks(count: number) {
  const subscriptions = await createSubscriptions(count);
  const { batch } = await submit(subscriptions.map((subscription) => block(`msisdn:${subscription.msisdn}`)));
  return parseId(batch.id, "ProvisioningBatch", "id");
}

const requestsOf = (batchId: number) =>
  prisma.provisioningRequest.findMany({ where: { batchId }, orderBy: { position: "asc" } });

describe.skipIf(!process.env.DATABASE_URL)("the worker process", () => {
  test("executes submitted batches and exits 0 on SIGTERM", { timeout: 60_000 }, async () => {
    const worker = startWorker("worker-1");
    const batchId = await submitBlocks(5);
    await waitFor(
      async () => (await prisma.provisioningBatch.findUniqueOrThrow({ where: { id: batchId } })).status === "COMPLETED",
    );
    expect((await requestsOf(batchId)).map((request) => request.leaseOwner)).toEqual(Array(5).fill("worker-1"));
    worker.kill("SIGTERM");
    const [code] = await once(worker, "exit");
    expect(code).toBe(0);
  });

  test("a worker killed mid-batch: its leases expire and another worker finishes the batch, each request once", {
    timeout: 60_000,
  }, async () => {
    const doomed = startWorker("doomed", {
      PROVISIONING_LEASE: "1500ms",
      PROVISIONING_ORDER_LATENCY: "300ms",
      PROVISIONING_CONCURRENCY: "2",
    });
    const batchId = await submitBlocks(10);
    await waitFor(async () => (await requestsOf(batchId)).some((request) => request.status === "PROCESSING"));
    doomed.kill("SIGKILL");
    await once(doomed, "exit");
    await sleep(300); // a commit the worker sent just before it died may still be landing

    const held = (await requestsOf(batchId)).filter(
      (request) => request.leaseOwner === "doomed" && request.status !== "COMPLETED",
    );
    expect(held.length).toBeGreaterThan(0);
    const rescuer = createExecutor({ workerId: "rescuer" });
    expect((await rescuer.runPass()).executed).toBe(0); // the dead worker's leases have not expired yet
    await waitFor(async () => (await rescuer.runUntilIdle()).finishedBatchIds.includes(batchId), 20_000);

    const requests = await requestsOf(batchId);
    expect(requests.map((request) => request.status)).toEqual(Array(10).fill("COMPLETED"));
    for (const request of counted(
      requests.filter((r) => held.some((h) => h.id === r.id)),
      held.length,
    ))
      expect(request.leaseOwner).toBe("rescuer");
    expect(new Set(requests.map((request) => request.orderId)).size).toBe(10);
    expect(await prisma.order.count({ where: { request: { batchId } } })).toBe(10);
    expect(await prisma.provisioningEvent.count({ where: { batchId, type: "ORDER_COMPLETED" } })).toBe(10);
  });
});
