// A real server process killed with SIGKILL at each point of an idempotent mutation, then a
// retry with the same X-Request-Id on a restarted server: every row is written exactly once
// and the retry answers with the ids of what was written (item 12). The pauses are injected
// from outside: a PostgreSQL trigger (made here, not in src/) sleeps when the outcome or the
// response row is written, the test sees the backend waiting in pg_stat_activity, and kills
// the server while it waits. client_connection_check_interval lets PostgreSQL notice the dead
// client and abort its open transaction, as it would after a real crash.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { ALL_SCOPES } from "../../src/graphql/scopes.ts";
import { openPostgres } from "../../src/data/database.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../../tools/postgres.ts";
import { freePort } from "../../tools/ports.ts";

const root = new URL("../..", import.meta.url).pathname;
const bin = findPostgresBin();
const secret = "crash-secret-of-at-least-32-characters!";
let cluster: PostgresCluster | undefined;
let server: ChildProcess | undefined;
let admin: pg.Client | undefined;

afterAll(async () => {
  server?.kill("SIGKILL");
  await admin?.end();
  cluster?.stop();
});

const MUTATION = `
mutation Crash($batches: CreateBatchesInput!, $send: SendMessagesInput!) {
  a: createBatches(input: $batches) { batches { id } processStatus { id } }
  b: sendMessages(input: $send) { messages { id messageId } processStatus { id } }
}`;

const rawId = (globalId: string) => Number(Buffer.from(globalId, "base64").toString().split(":")[1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function startServer(url: string): Promise<string> {
  const port = await freePort();
  server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
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
      RESPONSE_CACHE: "false",
      IDEMPOTENCY_LEASE: "1s",
    },
    stdio: "ignore",
  });
  const endpoint = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; i < 300; i++) {
    const up = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ __typename }"}',
    }).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return endpoint;
    await sleep(200);
  }
  throw new Error("the server never answered");
}

/**
 * Kills the server with SIGKILL once a backend sleeps in a pause trigger, and waits for
 * PostgreSQL to drop it; returns how long that took.
 */
async function killWhilePaused(): Promise<number> {
  const waiting = async () =>
    (await admin!.query("SELECT pid FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = 'crash'")).rows;
  for (let i = 0; i < 300 && (await waiting()).length === 0; i++) await sleep(50);
  expect(await waiting()).toHaveLength(1);
  server!.kill("SIGKILL");
  const killedAt = performance.now();
  for (let i = 0; i < 200 && (await waiting()).length > 0; i++) await sleep(20);
  expect(await waiting()).toEqual([]);
  return performance.now() - killedAt;
}

test.skipIf(!bin && process.env.CI !== "true")(
  "killed during a transaction, between fields, after commit or after the stored response: a retry writes nothing twice",
  async () => {
    cluster = await startPostgres(bin!);
    await adminQuery(cluster.adminUrl, "CREATE DATABASE crash");
    await adminQuery(cluster.adminUrl, "ALTER DATABASE crash SET client_connection_check_interval = '100ms'");
    const url = databaseUrl(cluster.adminUrl, "crash");
    const setup = openPostgres(url);
    await applyPendingMigrations(setup);
    const location = await setup.prisma.location.create({
      data: { label: "Crash site", formattedAddress: "1 Main St" },
    });
    const customer = await setup.prisma.customer.create({ data: { label: "Crash customer" } });
    const program = await setup.prisma.program.create({ data: { label: "Crash program", customerId: customer.id } });
    const project = await setup.prisma.project.create({
      data: { label: "Crash project", programId: program.id, customerId: customer.id },
    });
    // One work order per scenario, so each one's CREATE_BATCHES records can be counted alone.
    const workOrders = await setup.prisma.workOrder.createManyAndReturn({
      data: [1, 2, 3, 4].map((n) => ({ label: `WO-CRASH-${n}`, projectId: project.id, locationId: location.id })),
    });
    const queue = await setup.prisma.queue.create({ data: { label: "Crash queue", locationId: location.id } });
    await setup.close();
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(
      "CREATE FUNCTION pause_for_crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(60); RETURN " +
        "NEW; END $$",
    );

    const token = await new SignJWT({ scope: ALL_SCOPES.join(" ") })
      .setProtectedHeader({ alg: "HS256" })
      .setIssuer("batch-gateway")
      .setAudience("batch-gateway")
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(secret));
    const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");
    type Scenario = { requestId: string; label: string; workOrderId: number };
    const scenarios: Scenario[] = workOrders.map((workOrder) => ({
      requestId: randomUUID(),
      label: `Crash ${workOrder.id}`,
      workOrderId: workOrder.id,
    }));
    const attempt = (endpoint: string, scenario: Scenario) =>
      fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "x-request-id": scenario.requestId,
        },
        body: JSON.stringify({
          query: MUTATION,
          variables: {
            batches: {
              queueId: gid("Queue", queue.id),
              workOrderId: gid("WorkOrder", scenario.workOrderId),
              total: 100,
              numberCycles: 1,
              label: scenario.label,
            },
            send: { messages: [{ recipient: "+48500100200", sender: "Crash", text: scenario.label }] },
          },
        }),
      });
    /** The answer names exactly the rows in the database, written once, each operation recorded once. */
    const checkWrittenOnce = async (scenario: Scenario, data: { a: any; b: any }) => {
      const batches = await admin!.query("SELECT id FROM batch WHERE work_order_id = $1 ORDER BY id", [
        scenario.workOrderId,
      ]);
      expect(batches.rows).toHaveLength(100);
      const answered = data.a.batches.map((batch: { id: string }) => rawId(batch.id));
      expect(answered.sort((x: number, y: number) => x - y)).toEqual(batches.rows.map((row) => row.id));
      const messages = await admin!.query("SELECT id FROM message WHERE text = $1", [scenario.label]);
      expect(messages.rows.map((row) => row.id)).toEqual([data.b.messages[0].messageId]);
      const records = await admin!.query(
        "SELECT id, status FROM process_status WHERE entity_id = ANY($1::text[]) ORDER BY id",
        [[gid("WorkOrder", scenario.workOrderId), gid("Message", data.b.messages[0].messageId)]],
      );
      expect(records.rows).toEqual(
        [rawId(data.a.processStatus.id), rawId(data.b.processStatus.id)].map((id) => ({ id, status: "SUCCESS" })),
      );
    };
    const pausePoints = [
      {
        name: "during the first field's transaction",
        trigger: "BEFORE INSERT ON idempotent_outcome FOR EACH ROW WHEN (NEW.response_key = 'a')",
      },
      {
        name: "between the fields (a committed, b's transaction open)",
        trigger: "BEFORE INSERT ON idempotent_outcome FOR EACH ROW WHEN (NEW.response_key = 'b')",
      },
      {
        name: "after both committed, before the response is stored",
        trigger: "BEFORE UPDATE ON idempotent_request FOR EACH ROW WHEN (NEW.response <> 'null'::jsonb)",
      },
    ];

    let endpoint = await startServer(url);
    expect(pausePoints).toHaveLength(3);
    for (const [i, point] of pausePoints.entries()) {
      const scenario = scenarios[i]!;
      await admin.query(`CREATE TRIGGER pause_for_crash ${point.trigger} EXECUTE FUNCTION pause_for_crash()`);
      const killed = attempt(endpoint, scenario).then(
        () => "answered",
        () => "connection lost",
      );
      const abortMs = await killWhilePaused();
      expect(await killed, point.name).toBe("connection lost");
      await admin.query(`DROP TRIGGER pause_for_crash ON ${point.trigger.split(" ON ")[1]!.split(" ")[0]}`);

      endpoint = await startServer(url);
      await sleep(1_000); // the killed claim's lease (IDEMPOTENCY_LEASE=1s) has run out
      const started = performance.now();
      const retry = (await (await attempt(endpoint, scenario)).json()) as {
        data: { a: any; b: any };
        errors?: unknown;
      };
      const retryMs = performance.now() - started;
      expect(retry.errors, point.name).toBeUndefined();
      await checkWrittenOnce(scenario, retry.data);
      console.info(
        `killed ${point.name}: PostgreSQL dropped the transaction ${Math.round(abortMs)} ms after the kill; retry ${Math.round(retryMs)} ms`,
      );
    }

    // Killed after the response was stored: the retry is a plain replay of the first answer.
    const scenario = scenarios[3]!;
    const first = (await (await attempt(endpoint, scenario)).json()) as { data: { a: any; b: any } };
    server!.kill("SIGKILL");
    endpoint = await startServer(url);
    const replay = await attempt(endpoint, scenario);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    const replayed = (await replay.json()) as { data: { a: any; b: any } };
    expect(replayed.data).toEqual(first.data);
    await checkWrittenOnce(scenario, replayed.data);
  },
  240_000,
);
