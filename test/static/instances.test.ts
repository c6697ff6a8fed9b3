// Live updates across instances: two gateways and a separate worker on one PostgreSQL, with
// Redis carrying the events. A change made through A reaches a subscriber on B, and so does
// one made by the worker.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { SignJWT } from "jose";
import { afterAll, expect, test } from "vitest";
import { openPostgres } from "../../src/data/database.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../../tools/postgres.ts";
import { subscribeSse } from "../subscriptions/stream.ts";
import { freePort } from "../../tools/ports.ts";

const root = new URL("../..", import.meta.url).pathname;
const secret = "instances-secret-of-at-least-32-chars!";
const hasRedis = (() => {
  try {
    return Boolean(execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim());
  } catch {
    return false;
  }
})();
const bin = findPostgresBin();
const children: ChildProcess[] = [];
let cluster: PostgresCluster | undefined;

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  cluster?.stop();
});

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "ignore",
  });
  children.push(child);
  return child;
}

async function waitUntilServing(url: string) {
  for (let i = 0; i < 600; i++) {
    const up = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} never answered`);
}

const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

test.skipIf((!hasRedis || !bin) && process.env.CI !== "true")(
  "events reach subscribers on another instance through Redis",
  async () => {
    const redisPort = await freePort();
    children.push(
      spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
        stdio: "ignore",
      }),
    );
    cluster = await startPostgres(bin!);
    await adminQuery(cluster.adminUrl, "CREATE DATABASE instances");
    const databaseUrlValue = databaseUrl(cluster.adminUrl, "instances");
    const setup = openPostgres(databaseUrlValue);
    await applyPendingMigrations(setup);
    await seedDemoData(setup.prisma, { scale: 1 });
    const cycle = await setup.prisma.cycle.findFirstOrThrow({
      where: { statusCategory: "PENDING" },
      orderBy: { id: "asc" },
    });
    await setup.close();

    const common = {
      NODE_ENV: "production",
      DATABASE_URL: databaseUrlValue,
      JWT_SECRET: secret,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      JOBS: "false",
      LOG_LEVEL: "warn",
      RATE_LIMIT_REQUESTS: "0",
    };
    const [portA, portB] = [await freePort(), await freePort()];
    start(["src/server.ts"], { ...common, PORT: String(portA) });
    start(["src/server.ts"], { ...common, PORT: String(portB) });
    const [urlA, urlB] = [`http://127.0.0.1:${portA}/graphql`, `http://127.0.0.1:${portB}/graphql`];
    await Promise.all([waitUntilServing(urlA), waitUntilServing(urlB)]);

    const token = await new SignJWT({
      scope: "batch:read batch:update process-status:read provisioning:submit provisioning:read",
    })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("batch-gateway")
      .setAudience("batch-gateway")
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(secret));
    const onA = async (query: string, variables: object) => {
      const response = await fetch(urlA, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as { data: Record<string, any>; errors?: unknown[] };
    };

    // A change through instance A reaches a subscriber on instance B.
    type BatchEvent = { data: { batchStatusChanged: { cycleCounts: { complete: number } } } };
    const batchStream = await subscribeSse<BatchEvent>(
      "subscription($id: ID!) { batchStatusChanged(id: $id) { cycleCounts { complete } } }",
      { id: gid("Batch", cycle.batchId) },
      token,
      urlB,
    );
    const before = (await batchStream.next()).data.batchStatusChanged.cycleCounts.complete;
    const update = await onA(
      "mutation($input: UpdateCycleStatusInput!) { updateCycleStatus(input: $input) { cycle { id } } }",
      { input: { id: gid("Cycle", cycle.id), category: "COMPLETE" } },
    );
    expect(update.errors).toBeUndefined();
    expect((await batchStream.next()).data.batchStatusChanged.cycleCounts.complete).toBe(before + 1);
    await batchStream.close();

    // Work done by a separate worker process reaches the same subscriber side.
    const submitted = await onA(
      "mutation($input: SubmitProvisioningBatchInput!) { submitProvisioningBatch(input: $input) { processStatus { " +
        "id status } } }",
      {
        input: {
          requests: [
            {
              requestId: "r1",
              method: "POST",
              resource: "subscriptions",
              body: { msisdn: "46709999001", iccid: "8946000000009999001" },
            },
          ],
        },
      },
    );
    expect(submitted.errors).toBeUndefined();
    const processId = submitted.data.submitProvisioningBatch.processStatus.id as string;
    type ProcessEvent = { data: { processStatusChanged: { status: string } } };
    const processStream = await subscribeSse<ProcessEvent>(
      "subscription($id: ID!) { processStatusChanged(id: $id) { status } }",
      { id: processId },
      token,
      urlB,
    );
    expect((await processStream.next()).data.processStatusChanged.status).toBe("PENDING");
    start(["scripts/worker.ts"], { ...common });
    expect((await processStream.next()).data.processStatusChanged.status).toBe("SUCCESS");
    await processStream.close();
  },
  240_000,
);
