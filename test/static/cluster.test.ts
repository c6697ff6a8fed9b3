// A process per core (WEB_CONCURRENCY=2): real server processes on one port, against a real
// PostgreSQL and Redis. Each request below opens its own connection, and node:cluster hands new
// connections to the processes in turn, so consecutive requests reach both processes.
import { execFileSync, spawn } from "node:child_process";
import { request as httpRequest } from "node:http";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, onTestFailed, test, vi } from "vitest";
import { openPostgres } from "../../src/data/database.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { freePort } from "../../tools/ports.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../../tools/postgres.ts";
import { subscribeSse } from "../subscriptions/stream.ts";
import { startServer, waitFor } from "./processes.ts";

vi.setConfig({ testTimeout: 180_000 });
const secret = "cluster-secret-of-at-least-32-characters!";
const bin = findPostgresBin();
const hasRedis = (() => {
  try {
    return Boolean(execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim());
  } catch {
    return false;
  }
})();

/** The one stderr line of a server that refused to start, after its exit code 1. */
async function refusal(env: Record<string, string>): Promise<string> {
  const server = startServer(env);
  expect(await server.exited).toBe(1);
  const lines = server.output().stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe("WEB_CONCURRENCY that is not a positive integer", () => {
  test.each(["0", "two", "-1", "1.5"])("%s: one line naming the variable, exit 1", async (value) => {
    expect(await refusal({ WEB_CONCURRENCY: value })).toBe(
      `WEB_CONCURRENCY must be a positive integer, got "${value}"`,
    );
  });
  test("more than one process without REDIS_URL: one line", async () => {
    expect(await refusal({ WEB_CONCURRENCY: "2", DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" })).toMatch(
      /^WEB_CONCURRENCY=2 needs REDIS_URL/,
    );
  });
});

test("a malformed DATABASE_REPLICA_URLS entry: one line naming the variable, exit 1", async () => {
  const line = await refusal({
    DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none",
    DATABASE_REPLICA_URLS: "postgresql://a@h/db, not a url",
  });
  expect(line).toBe(
    "DATABASE_REPLICA_URLS: entry 2 is not a valid URL (expected postgresql://user:password@host:port/database)",
  );
});

describe.skipIf((!bin || !hasRedis) && process.env.CI !== "true")("two gateway processes on one port", () => {
  let cluster: PostgresCluster;
  let url: string;
  let redisUrl: string;
  const redis = { kill: () => {} };
  beforeAll(async () => {
    const redisPort = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    redis.kill = () => child.kill("SIGKILL");
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    cluster = await startPostgres(bin!);
    await adminQuery(cluster.adminUrl, "CREATE DATABASE gateway");
    url = databaseUrl(cluster.adminUrl, "gateway");
    const setup = openPostgres(url);
    await applyPendingMigrations(setup);
    await seedDemoData(setup.prisma, { scale: 1 });
    await setup.close();
  }, 180_000);
  afterAll(() => {
    redis.kill();
    cluster?.stop();
  });

  test("a DATABASE_REPLICA_URLS entry that is not a replica (the primary itself): one line, exit 1", async () => {
    expect(await refusal({ DATABASE_URL: url, DATABASE_REPLICA_URLS: url })).toMatch(
      /^DATABASE_REPLICA_URLS: postgresql:\/\/127\.0\.0\.1:\d+\/gateway is not a replica \(pg_is_in_recovery\(\) is false\)$/,
    );
  });

  test("metrics for the whole server, events across processes, a dead process replaced, shutdown waiting for all", async () => {
    const port = await freePort();
    const server = startServer({
      WEB_CONCURRENCY: "2",
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      JWT_SECRET: secret,
      RATE_LIMIT_REQUESTS: "0",
      RESPONSE_CACHE: "false",
    });
    // On a failure, what the processes said (a loaded machine makes this test the slowest here).
    onTestFailed(() => console.error(server.output().stdout.slice(-4000), server.output().stderr.slice(-4000)));
    await waitFor(() => server.output().stdout.includes("2 gateway processes on port"), 120_000);
    const token = await new SignJWT({ scope: "batch:read batch:all batch:update process-status:read" })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("batch-gateway")
      .setAudience("batch-gateway")
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(secret));
    const send = (body: object, path = "/graphql") => onNewConnection(port, path, token, body);

    // Ten requests over ten connections, five per process: every scrape, whichever process takes it, counts all ten.
    for (let i = 0; i < 10; i++) expect((await send({ query: "query ClusterProbe { __typename }" })).status).toBe(200);
    for (let scrape = 0; scrape < 4; scrape++) {
      const text = (await onNewConnection(port, "/metrics", token)).body;
      expect(sampleOf(text, "graphql_yoga_http_duration_count{", 'operationName="ClusterProbe"')).toBe(10);
    }

    // A subscriber on one process sees changes made through either.
    const listed = await send({ query: "{ batches(first: 1) { edges { node { id } } } }" });
    const batch = JSON.parse(listed.body).data.batches.edges[0].node.id;
    type Event = { data: { batchStatusChanged: { label: string } } };
    const stream = await subscribeSse<Event>(
      "subscription($id: ID!) { batchStatusChanged(id: $id) { label } }",
      { id: batch },
      token,
      `http://127.0.0.1:${port}/graphql`,
    );
    await stream.next();
    const labels: string[] = [];
    for (let i = 0; i < 4; i++) {
      const update = await send({
        query: "mutation($input: UpdateBatchInput!) { updateBatch(input: $input) { batch { label } } }",
        variables: { input: { id: batch, label: `across ${i}` } },
      });
      expect(JSON.parse(update.body).errors).toBeUndefined();
      labels.push((await stream.next()).data.batchStatusChanged.label);
    }
    expect(labels).toEqual(["across 0", "across 1", "across 2", "across 3"]);
    await stream.close();

    // A process that dies is replaced, and logged.
    const before = workersOf(server.child.pid!);
    expect(before).toHaveLength(2);
    process.kill(before[0]!, "SIGKILL");
    await waitFor(
      () => workersOf(server.child.pid!).length === 2 && !workersOf(server.child.pid!).includes(before[0]!),
      60_000,
    );
    await waitFor(() => server.output().stdout.includes("gateway process died; starting a replacement"), 10_000);
    await waitUntilServing(port, token);

    // Shutdown waits for requests in flight on every process: four bodies still arriving when SIGTERM comes.
    const inFlight = Array.from({ length: 4 }, () => slowRequest(port, token));
    await Promise.all(inFlight.map((request) => request.started));
    server.child.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const request of inFlight) request.finish();
    const answers = await Promise.all(inFlight.map((request) => request.answer));
    expect(answers).toHaveLength(4);
    for (const answer of answers)
      expect({ status: answer.status, data: JSON.parse(answer.body).data }).toEqual({
        status: 200,
        data: { __typename: "Query" },
      });
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain("stopped");
  });
});

function sampleOf(text: string, prefix: string, label: string): number | undefined {
  const line = text.split("\n").find((row) => row.startsWith(prefix) && row.includes(label));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

/** The gateway processes the primary forked: its node children (tsx may also start an esbuild service). */
function workersOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=,comm=", "--ppid", String(pid)], { encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter(([child, command]) => child && command === "node")
      .map(([child]) => Number(child));
  } catch {
    return [];
  }
}

async function waitUntilServing(port: number, token: string) {
  for (let i = 0; i < 100; i++) {
    const ok = await onNewConnection(port, "/graphql", token, { query: "{ __typename }" }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One request on a connection of its own (no keep-alive agent), so node:cluster picks the process. */
function onNewConnection(
  port: number,
  path: string,
  token: string,
  body?: object,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const text = body ? JSON.stringify(body) : undefined;
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        agent: false,
        method: text ? "POST" : "GET",
        headers: {
          authorization: `Bearer ${token}`,
          ...(text ? { "content-type": "application/json", "content-length": Buffer.byteLength(text) } : {}),
        },
      },
      (response) => {
        let received = "";
        response.on("data", (chunk) => (received += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: received }));
      },
    );
    request.on("error", reject);
    request.end(text);
  });
}

/** A request whose body is sent in two parts: `finish` sends the rest. */
function slowRequest(port: number, token: string) {
  const body = JSON.stringify({ query: "{ __typename }" });
  let finish = () => {};
  let started = () => {};
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/graphql",
        agent: false,
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": body.length,
        },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on("error", reject);
    // The connection is handed to a process by the primary: give that a moment on a loaded machine.
    request.on("socket", (socket) => socket.on("connect", () => setTimeout(started, 500)));
    request.write(body.slice(0, 5));
    finish = () => request.end(body.slice(5));
  });
  return { answer, started: startedPromise, finish: () => finish() };
}
