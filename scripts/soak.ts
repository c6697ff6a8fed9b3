// npm run soak [-- --seconds 60 --connections 20]
// A bounded soak on loopback: the gateway in production mode on a throwaway PostgreSQL, driven
// by autocannon with a mix of queries and mutations. Passes when there is no 5xx and the
// server's memory at the end is within 20% of its memory after warm-up. Prints the figures.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SignJWT } from "jose";
import { openPostgres } from "../src/data/database.ts";
import { applyPendingMigrations } from "../src/data/migrations/migrate.ts";
import { seedDemoData } from "../src/data/seed/index.ts";
import { adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../tools/postgres.ts";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "60" }, connections: { type: "string", default: "20" } },
});
const seconds = Number(values.seconds);
const secret = "soak-secret-of-at-least-32-characters!!";
const root = new URL("..", import.meta.url).pathname;

const rssMb = (pid: number) =>
  Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
const random = (n: number) => 1 + Math.floor(Math.random() * n);

const bin = findPostgresBin();
if (!bin) throw new Error("PostgreSQL server binaries are needed (apt-get install postgresql)");
const cluster = await startPostgres(bin);
try {
  await adminQuery(cluster.adminUrl, "CREATE DATABASE soak");
  const url = databaseUrl(cluster.adminUrl, "soak");
  const setup = openPostgres(url);
  await applyPendingMigrations(setup);
  const seeded = await seedDemoData(setup.prisma, { scale: 10 });
  await setup.close();
  const cycles = seeded.rows.cycle;
  const batches = seeded.rows.batch;

  const port = 4700 + Math.floor(Math.random() * 200);
  // One process (not the tsx CLI, which runs the server in a child) so its memory is what we sample.
  const gateway = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: url,
      PORT: String(port),
      JWT_SECRET: secret,
      LOG_LEVEL: "warn",
      RATE_LIMIT_REQUESTS: "0",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const token = await new SignJWT({
    scope: "batch:read batch:all batch:update letters:read messages:read process-status:read provisioning:read",
  })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer("batch-gateway")
    .setAudience("batch-gateway")
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  for (let up = false; !up; await new Promise((r) => setTimeout(r, 250))) {
    up = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers,
      body: '{"query":"{ __typename }"}',
    }).then(
      (r) => r.ok,
      () => false,
    );
  }

  const bodies = [
    () => ({
      query:
        "{ batches(first: 20) { totalCount edges { node { label workOrder { label } queue { location { label } } " +
        "cycleCounts { active complete } } } } }",
    }),
    () => ({
      query:
        "query($id: ID!) { batch(id: $id) { label cycles(first: 10) { totalCount edges { node { label " +
        "currentStatus { category } } } } } }",
      variables: { id: gid("Batch", random(batches)) },
    }),
    () => ({ query: "{ letterBatches(first: 10) { totalCount edges { node { status } } } }" }),
    () => ({ query: "{ messages(first: 20) { edges { node { status parts } } } }" }),
    () => ({ query: "{ batchStatusSummary(groupBy: QUEUE) { cycles { complete } } }" }),
    () => ({
      query:
        "mutation($input: UpdateCycleStatusInput!) { updateCycleStatus(input: $input) { cycle { id } processStatus " +
        "{ status } } }",
      variables: {
        input: { id: gid("Cycle", random(cycles)), category: ["IN_PROGRESS", "VERIFYING", "COMPLETE"][random(3) - 1] },
      },
    }),
  ];
  const run = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}/graphql`,
      connections: Number(values.connections),
      duration,
      requests: [
        {
          method: "POST",
          headers,
          setupRequest: (request) => ({ ...request, body: JSON.stringify(bodies[random(bodies.length) - 1]!()) }),
        },
      ],
    });

  // Warm-up long enough for V8's heap to reach its working size under this load.
  await run(20);
  const afterWarmup = rssMb(gateway.pid!);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(Math.round(rssMb(gateway.pid!))), 5_000);
  const result = await run(seconds);
  clearInterval(sampler);
  const atEnd = rssMb(gateway.pid!);
  gateway.kill("SIGTERM");

  const fivexx = result["5xx"];
  const growth = (atEnd - afterWarmup) / afterWarmup;
  console.log(
    JSON.stringify(
      {
        seconds,
        connections: Number(values.connections),
        requests: result.requests.total,
        reqPerSec: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        fivexx,
        errors: result.errors,
        timeouts: result.timeouts,
        rssAfterWarmupMb: Math.round(afterWarmup),
        rssAtEndMb: Math.round(atEnd),
        rssGrowthPercent: Math.round(growth * 1000) / 10,
        rssEvery5sMb: samples,
      },
      null,
      2,
    ),
  );
  if (fivexx > 0 || result.errors > 0 || growth > 0.2) {
    console.error("soak failed: 5xx, connection errors, or memory grew more than 20%");
    process.exitCode = 1;
  }
} finally {
  cluster.stop();
}
