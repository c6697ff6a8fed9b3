import { expect, test } from "vitest";
import { db } from "../../src/data/db.ts";
import { yoga } from "../../src/app/gateway.ts";
import { execute, query } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { PlatformBatchLabelDocument } from "../generated/graphql.ts";
import { type Stream, startWebSocketServer, subscribeSse, subscribeWs } from "../subscriptions/stream.ts";

async function scrape() {
  const response = await yoga.fetch("http://gateway.test/metrics");
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of the first sample of `metric` whose labels include every given one. */
function sample(text: string, metric: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([name, value]) => `${name}="${value}"`);
  const line = text
    .split("\n")
    .find(
      (row) =>
        (row.startsWith(`${metric}{`) || row.startsWith(`${metric} `)) && wanted.every((label) => row.includes(label)),
    );
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

test("requests and their latency are counted per operation name", async () => {
  const { batches } = await createBatches(1);
  const id = globalId("Batch", batches[0]!.id);
  for (let i = 0; i < 3; i++) expect((await query(PlatformBatchLabelDocument, { id })).node).toMatchObject({ id });
  const text = await scrape();
  expect(
    sample(text, "graphql_yoga_http_duration_count", { operationName: "PlatformBatchLabel", statusCode: "200" }),
  ).toBe(3);
  expect(sample(text, "graphql_yoga_http_duration_sum", { operationName: "PlatformBatchLabel" })).toBeGreaterThan(0);
  expect(sample(text, "graphql_envelop_phase_execute_count", { operationName: "PlatformBatchLabel" })).toBe(3);
});

test("errors are counted by their code, including those raised before execution", async () => {
  const before = await scrape();
  const count = (text: string, code: string) =>
    sample(text, "gateway_graphql_errors_total", { code, operationName: "PlatformBatchLabel" }) ?? 0;
  const noToken = await execute(PlatformBatchLabelDocument, { id: globalId("Batch", 1) }, { authorization: "" });
  expect(noToken.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const badId = await execute(PlatformBatchLabelDocument, { id: "not-a-global-id" });
  expect(badId.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  const badToken = await execute(
    PlatformBatchLabelDocument,
    { id: globalId("Batch", 1) },
    { authorization: "Bearer forged" },
  );
  expect(badToken.status).toBe(401);
  const after = await scrape();
  expect(count(after, "UNAUTHENTICATED") - count(before, "UNAUTHENTICATED")).toBe(2);
  expect(count(after, "BAD_USER_INPUT") - count(before, "BAD_USER_INPUT")).toBe(1);
});

test("PostgreSQL pool usage is reported (the embedded database has no pool)", async () => {
  await db.prisma.$queryRawUnsafe("SELECT 1");
  const text = await scrape();
  if (db.kind === "pglite") {
    expect(text).not.toContain("gateway_db_pool_connections");
    return;
  }
  expect(sample(text, "gateway_db_pool_connections")).toBeGreaterThanOrEqual(1);
  expect(sample(text, "gateway_db_pool_idle_connections")).toBeGreaterThanOrEqual(0);
  expect(sample(text, "gateway_db_pool_waiting_requests")).toBe(0);
});

test("open subscriptions, over Server-Sent Events and WebSocket, are counted while they run and no longer once closed", async () => {
  const status = await db.prisma.processStatus.create({
    data: { eventType: "TEST_OPERATION", entityId: "x", deadlineAt: new Date(Date.now() + 60_000) },
  });
  const watch = `subscription WatchProcess($id: ID!) { processStatusChanged(id: $id) { id } }`;
  const variables = { id: globalId("ProcessStatus", status.id) };
  const open = () =>
    scrape().then((text) => sample(text, "gateway_graphql_subscriptions", { operationName: "WatchProcess" }) ?? 0);
  const server = await startWebSocketServer();
  try {
    const streams: Stream<unknown>[] = [
      await subscribeSse(watch, variables),
      await subscribeWs(server.url, watch, variables),
    ];
    for (const stream of streams) await stream.next();
    expect(await open()).toBe(2);
    await streams[0]!.close();
    await expect.poll(open, { timeout: 5_000 }).toBe(1);
    await streams[1]!.close();
    await expect.poll(open, { timeout: 5_000 }).toBe(0);
  } finally {
    await server.stop();
  }
});

test("process figures (memory, CPU) are exposed for the whole process", async () => {
  const text = await scrape();
  expect(sample(text, "process_resident_memory_bytes")).toBeGreaterThan(0);
  expect(text).toContain("nodejs_eventloop_lag_seconds");
});
