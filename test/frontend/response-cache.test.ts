// The response cache: a repeated query is answered without the database, a mutation never
// leaves a stale read behind (lists included), and users never see each other's entries.
import { describe, expect, test } from "vitest";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import {
  FrontendBatchCountDocument,
  FrontendBatchListDocument,
  FrontendCreateBatchDocument,
  FrontendRenameBatchDocument,
} from "../generated/graphql.ts";
import { run, send, tokenOf } from "./gateway.ts";

const gateway = createGateway({ responseCache: { enabled: true, ttlMs: 60_000 } });

async function fixture() {
  const { queue, workOrder, batches } = await createBatches(2);
  const queueId = globalId("Queue", queue.id);
  return { queueId, workOrderId: globalId("WorkOrder", workOrder.id), batches, filter: { queueIds: [queueId] } };
}

describe("response cache", () => {
  test("a repeated query is served from the cache without a single SQL statement", async () => {
    const { filter } = await fixture();
    const token = await tokenOf("alice");
    const first = await recordStatements(() => run(gateway, FrontendBatchListDocument, { filter }, token));
    expect(first.statements.length).toBeGreaterThan(0);
    const again = await recordStatements(() => run(gateway, FrontendBatchListDocument, { filter }, token));
    expect(again.statements).toEqual([]);
    expect(again.result.data).toEqual(first.result.data);
  });

  test("after createBatch the cached list and count show the new batch (no stale read)", async () => {
    const { filter, queueId, workOrderId } = await fixture();
    const token = await tokenOf("alice");
    expect((await run(gateway, FrontendBatchCountDocument, { filter }, token)).data?.batches.totalCount).toBe(2);
    expect((await run(gateway, FrontendBatchListDocument, { filter }, token)).data?.batches.edges).toHaveLength(2);

    const created = await run(
      gateway,
      FrontendCreateBatchDocument,
      { input: { queueId, workOrderId, label: "Fresh", numberCycles: 1 } },
      token,
    );
    expect(created.data?.createBatch!.processStatus.status).toBe("SUCCESS");

    expect((await run(gateway, FrontendBatchCountDocument, { filter }, token)).data?.batches.totalCount).toBe(3);
    const list = await run(gateway, FrontendBatchListDocument, { filter }, token);
    expect(list.data?.batches.edges.map((e) => e.node.label)).toContain("Fresh");
  });

  test("after updateBatch the cached list shows the new label, also for another user's cache", async () => {
    const { filter, batches } = await fixture();
    const [alice, bob] = await Promise.all([tokenOf("alice"), tokenOf("bob")]);
    await run(gateway, FrontendBatchListDocument, { filter }, alice);
    await run(gateway, FrontendBatchListDocument, { filter }, bob);
    await run(
      gateway,
      FrontendRenameBatchDocument,
      { input: { id: globalId("Batch", batches[0]!.id), label: "Renamed" } },
      alice,
    );
    for (const token of [alice, bob]) {
      const list = await run(gateway, FrontendBatchListDocument, { filter }, token);
      expect(list.data?.batches.edges.map((e) => e.node.label)).toContain("Renamed");
    }
  });

  test("users never share entries: another subject, fewer scopes or a forged token all miss", async () => {
    const { filter } = await fixture();
    await run(gateway, FrontendBatchListDocument, { filter }, await tokenOf("alice"));

    const bob = await recordStatements(async () =>
      run(gateway, FrontendBatchListDocument, { filter }, await tokenOf("bob")),
    );
    expect(bob.statements.length).toBeGreaterThan(0);

    const reader = await run(gateway, FrontendBatchListDocument, { filter }, await tokenOf("alice", ["batch:read"]));
    expect(reader.data?.batches ?? null).toBeNull();
    expect(reader.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const [header, payload] = (await tokenOf("alice")).split(".");
    const forged = await run(gateway, FrontendBatchListDocument, { filter }, `${header}.${payload}.${"A".repeat(43)}`);
    expect(forged.status).toBe(401);
    expect(forged.data ?? null).toBeNull();
  });

  test("mutations are never answered from the cache", async () => {
    const { filter, queueId, workOrderId } = await fixture();
    const token = await tokenOf("alice");
    const input = { queueId, workOrderId, label: "Twice", numberCycles: 1 };
    for (let i = 0; i < 2; i++) await run(gateway, FrontendCreateBatchDocument, { input }, token);
    expect((await run(gateway, FrontendBatchCountDocument, { filter }, token)).data?.batches.totalCount).toBe(4);
  });

  test("introspection still answers through the cache; the shared test gateway (RESPONSE_CACHE=false) caches nothing", async () => {
    const { filter } = await fixture();
    const token = await tokenOf("alice");
    const { yoga } = await import("../../src/app/gateway.ts");
    await run(yoga, FrontendBatchListDocument, { filter }, token);
    const again = await recordStatements(() => run(yoga, FrontendBatchListDocument, { filter }, token));
    expect(again.statements.length).toBeGreaterThan(0);
    const response = await send(gateway, { query: "{ __schema { queryType { name } } }" }, token);
    expect(((await response.json()) as { data: unknown }).data).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});
