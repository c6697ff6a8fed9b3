// PostgreSQL stopped under load: requests fail fast with SERVICE_UNAVAILABLE, the server
// stays up, and it serves again within seconds of the database's return — no restart.
import { type ChildProcess, spawn } from "node:child_process";
import { SignJWT } from "jose";
import { afterAll, expect, test } from "vitest";
import { openPostgres } from "../../src/database.ts";
import { applyPendingMigrations } from "../../src/migrations/migrate.ts";
import { seedDemoData } from "../../src/seed/index.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../setup/postgres.ts";
import { freePort } from "../setup/ports.ts";

const root = new URL("../..", import.meta.url).pathname;
const bin = findPostgresBin();
const secret = "outage-secret-of-at-least-32-characters";
let cluster: PostgresCluster | undefined;
let gateway: ChildProcess | undefined;

afterAll(() => {
  gateway?.kill("SIGKILL");
  cluster?.stop();
});

test.skipIf(!bin && process.env.CI !== "true")("database outage under load: fail fast, stay up, recover", async () => {
  cluster = await startPostgres(bin!);
  await adminQuery(cluster.adminUrl, "CREATE DATABASE outage");
  const url = databaseUrl(cluster.adminUrl, "outage");
  const setup = openPostgres(url);
  await applyPendingMigrations(setup);
  await seedDemoData(setup.prisma, { scale: 1 });
  await setup.close();

  const port = await freePort();
  gateway = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), JWT_SECRET: secret, JOBS: "false", LOG_LEVEL: "fatal", RATE_LIMIT_REQUESTS: "0" },
    stdio: "ignore",
  });
  const token = await new SignJWT({ scope: "batch:all batch:read" }).setProtectedHeader({ alg: "HS256" }).setIssuer("batch-gateway")
    .setAudience("batch-gateway").setExpirationTime("10m").sign(new TextEncoder().encode(secret));
  const ask = async () => {
    const started = performance.now();
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: "{ batches(first: 10) { totalCount edges { node { label queue { label } } } } }" }),
        signal: AbortSignal.timeout(10_000),
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      return { status: response.status, code: body.errors?.[0]?.extensions?.code, ms: performance.now() - started };
    } catch {
      return { status: 0, code: "NO_RESPONSE", ms: performance.now() - started };
    }
  };
  const burst = () => Promise.all(Array.from({ length: 20 }, ask));
  const until = async (check: (r: Awaited<ReturnType<typeof ask>>) => boolean, timeoutMs: number) => {
    const started = performance.now();
    while (performance.now() - started < timeoutMs) {
      const results = await burst();
      if (results.every(check)) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error("condition not reached");
  };

  await until((r) => r.status === 200, 60_000);
  cluster.pause();
  const down = await burst();
  expect(down.map((r) => r.code)).toEqual(Array(20).fill("SERVICE_UNAVAILABLE"));
  expect(down.every((r) => r.status === 503)).toBe(true);
  const slowestFailureMs = Math.max(...down.map((r) => r.ms));
  expect(slowestFailureMs).toBeLessThan(6_000);

  cluster.resume();
  const recoveryMs = await until((r) => r.status === 200, 30_000);
  expect(gateway.exitCode).toBeNull();
  console.info(`outage: slowest failure ${Math.round(slowestFailureMs)} ms while down; served again ${Math.round(recoveryMs)} ms after PostgreSQL restarted`);
}, 180_000);
