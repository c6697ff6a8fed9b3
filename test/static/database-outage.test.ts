// PostgreSQL stopped under load, several times: every request fails fast with 503
// SERVICE_UNAVAILABLE or is served — never a 500 or a masked INTERNAL_SERVER_ERROR, whatever it
// asked (lists, node lookups, mutations) and whatever the outage did to connections in use
// (fast shutdown terminating sessions, immediate shutdown resetting them). The server stays up
// and serves again within seconds of the database's return — no restart.
import { type ChildProcess, spawn } from "node:child_process";
import { SignJWT } from "jose";
import { afterAll, expect, test } from "vitest";
import { openPostgres } from "../../src/data/database.ts";
import { encodeGlobalId as id } from "../../src/graphql/ids.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../../tools/postgres.ts";
import { freePort } from "../../tools/ports.ts";

const root = new URL("../..", import.meta.url).pathname;
const bin = findPostgresBin();
const secret = "outage-secret-of-at-least-32-characters";
let cluster: PostgresCluster | undefined;
let gateway: ChildProcess | undefined;

afterAll(() => {
  gateway?.kill("SIGKILL");
  cluster?.stop();
});

/** The request shapes a client sends: lists with nested reads, node lookups, mutations. */
function requestShapes(i: number): { name: string; query: string; variables?: Record<string, unknown> }[] {
  const batch = id("Batch", 1 + (i % 50));
  return [
    {
      name: "list",
      query:
        "{ batches(first: 10) { totalCount edges { node { label queue { label } " +
        "cycles(first: 3) { edges { node { position } } } } } } }",
    },
    {
      name: "node",
      query: "query($id: ID!) { node(id: $id) { id ... on Batch { label workOrder { label } } } }",
      variables: { id: batch },
    },
    {
      name: "nodes",
      query: "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
      variables: { ids: [batch, id("Cycle", 1 + i), id("Queue", 1)] },
    },
    {
      name: "process statuses",
      query: "query($ids: [ID!]!) { processStatuses(ids: $ids) { id status } }",
      variables: { ids: [id("ProcessStatus", 1 + (i % 200))] },
    },
    { name: "messages", query: "{ messages(first: 5) { totalCount edges { node { id status } } } }" },
    {
      name: "update mutation",
      query:
        "mutation($input: UpdateBatchInput!) " +
        "{ updateBatch(input: $input) { batch { label } processStatus { status } } }",
      variables: { input: { id: batch, label: `Outage ${i}` } },
    },
    {
      name: "create mutation",
      query:
        "mutation($input: CreateBatchInput!) { createBatch(input: $input) { batch { id } processStatus { status } } }",
      variables: {
        input: { queueId: id("Queue", 1), workOrderId: id("WorkOrder", 1), label: `Outage ${i}`, numberCycles: 2 },
      },
    },
  ];
}

interface Answer {
  shape: string;
  status: number;
  codes: string[];
  ms: number;
}

test.skipIf(!bin && process.env.CI !== "true")(
  "database outages under load: 503 or served, never 500; stay up; recover",
  async () => {
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
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: url,
        PORT: String(port),
        JWT_SECRET: secret,
        JOBS: "false",
        LOG_LEVEL: "fatal",
        RATE_LIMIT_REQUESTS: "0",
      },
      stdio: "ignore",
    });
    const token = await new SignJWT({
      scope: "batch:all batch:read batch:create batch:update process-status:read messages:read",
    })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("batch-gateway")
      .setAudience("batch-gateway")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(secret));

    let sent = 0;
    const ask = async (shape: ReturnType<typeof requestShapes>[number]): Promise<Answer> => {
      const started = performance.now();
      try {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: shape.query, variables: shape.variables }),
          signal: AbortSignal.timeout(20_000),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        return {
          shape: shape.name,
          status: response.status,
          codes: (body.errors ?? []).map((e) => e.extensions?.code ?? "NONE"),
          ms: performance.now() - started,
        };
      } catch {
        return { shape: shape.name, status: 0, codes: ["NO_RESPONSE"], ms: performance.now() - started };
      }
    };
    /** One request of every shape, three times over: 21 at once. */
    const burst = () =>
      Promise.all(
        Array.from({ length: 3 }, () => requestShapes(sent++))
          .flat()
          .map(ask),
      );
    const served = (answer: Answer) => answer.status === 200 && answer.codes.length === 0;
    const unavailable = (answer: Answer) =>
      answer.status === 503 && answer.codes.length > 0 && answer.codes.every((code) => code === "SERVICE_UNAVAILABLE");
    const until = async (check: (answers: Answer[]) => boolean, timeoutMs: number) => {
      const started = performance.now();
      while (performance.now() - started < timeoutMs) {
        if (check(await burst())) return performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error("condition not reached");
    };

    await until((answers) => answers.every(served), 60_000);
    const all: Answer[] = [];
    const stops = ["fast", "immediate", "fast"] as const;
    for (const mode of stops) {
      // Traffic keeps flowing while PostgreSQL goes away (connections in use are cut) and comes back.
      let flowing = true;
      const traffic = (async () => {
        while (flowing) all.push(...(await burst()));
      })();
      await new Promise((resolve) => setTimeout(resolve, 300));
      cluster.pause(mode);
      const down = await burst();
      expect(down.every(unavailable), JSON.stringify(down.filter((a) => !unavailable(a)))).toBe(true);
      expect(Math.max(...down.map((a) => a.ms))).toBeLessThan(6_000);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      cluster.resume();
      const recoveryMs = await until((answers) => answers.every(served), 30_000);
      flowing = false;
      await traffic;
      all.push(...down);
      const slowest = Math.round(Math.max(...down.map((a) => a.ms)));
      const recovered = Math.round(recoveryMs);
      console.info(`outage (${mode} stop): slowest failure ${slowest} ms; served again ${recovered} ms after`);
    }

    const bad = all.filter((answer) => !served(answer) && !unavailable(answer));
    expect(all.filter(unavailable).length).toBeGreaterThan(50);
    expect(new Set(all.filter(unavailable).map((answer) => answer.shape)).size).toBe(requestShapes(0).length);
    expect(bad, "answers neither served nor 503 SERVICE_UNAVAILABLE").toEqual([]);
    expect(gateway.exitCode).toBeNull();
    const [servedCount, unavailableCount] = [all.filter(served).length, all.filter(unavailable).length];
    console.info(`outages: ${all.length} requests, ${servedCount} served, ${unavailableCount} answered 503, 0 others`);
  },
  300_000,
);
