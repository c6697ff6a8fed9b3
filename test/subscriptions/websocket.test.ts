// Queries and mutations over graphql-ws are served on the socket that carries subscriptions,
// without disturbing them; each operation is its own request.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import WebSocket from "ws";
import { prisma } from "../../src/data/db.ts";
import { createBatches, globalId } from "../factories.ts";
import { connectWs, startWebSocketServer } from "./stream.ts";

const WATCH = `subscription Watch($id: ID!) {
  batchStatusChanged(id: $id) { cycleCounts { pending inProgress complete } }
}`;
const LABEL = `query Label($id: ID!) { batch(id: $id) { label } }`;
const SET_CYCLE = `mutation SetCycle($input: UpdateCycleStatusInput!) {
  updateCycleStatus(input: $input) { cycle { currentStatus { category } } }
}`;

type Counts = { pending: number; inProgress: number; complete: number };
type WatchEvent = { data?: { batchStatusChanged: { cycleCounts: Counts } } };
type Result = { data?: Record<string, { label?: string; cycle?: { currentStatus: { category: string } } }> };
const setCycle = (id: number, category: string) => ({ input: { id: globalId("Cycle", id), category } });

let server: Awaited<ReturnType<typeof startWebSocketServer>>;
beforeAll(async () => (server = await startWebSocketServer()));
afterAll(() => server.stop());

test("a query and a mutation on a socket with a live subscription are answered; the subscription goes on", async () => {
  const { batches } = await createBatches(1);
  const batch = batches[0]!;
  const cycles = await prisma.cycle.findMany({ where: { batchId: batch.id }, orderBy: { id: "asc" } });
  const socket = await connectWs(server.url);
  const watch = socket.subscribe<WatchEvent>(WATCH, { id: globalId("Batch", batch.id) });
  expect((await watch.next()).data?.batchStatusChanged.cycleCounts).toEqual({ pending: 3, inProgress: 0, complete: 0 });

  const label = await socket.execute<Result>(LABEL, { id: globalId("Batch", batch.id) });
  expect(label).toEqual({ data: { batch: { label: batch.label } } });
  const moved = await socket.execute<Result>(SET_CYCLE, setCycle(cycles[0]!.id, "IN_PROGRESS"));
  expect(moved).toEqual({ data: { updateCycleStatus: { cycle: { currentStatus: { category: "IN_PROGRESS" } } } } });

  // The same socket's subscription still receives the change the mutation made, and the next one.
  expect((await watch.next()).data?.batchStatusChanged.cycleCounts).toEqual({ pending: 2, inProgress: 1, complete: 0 });
  await socket.execute(SET_CYCLE, setCycle(cycles[1]!.id, "COMPLETE"));
  expect((await watch.next()).data?.batchStatusChanged.cycleCounts).toEqual({ pending: 1, inProgress: 1, complete: 1 });
  await watch.close();
  await socket.close();
});

test("a failing query gets its own error and leaves the socket open", async () => {
  const socket = await connectWs(server.url);
  const invalid = socket.execute(`{ batch(id: "not-an-id") { label } }`);
  const result = (await invalid) as { errors?: { extensions?: { code?: string } }[] };
  expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  const unknownField = socket.execute(`{ nope }`);
  await expect(unknownField).rejects.toSatisfy((errors: unknown) => JSON.stringify(errors).includes("nope"));
  expect(await socket.execute(`{ __typename }`)).toEqual({ data: { __typename: "Query" } });
  await socket.close();
  expect(await socket.closed).toBe(1000);
});

test("an X-Request-Id on the upgrade does not make a socket's second mutation a replay of its first", async () => {
  const { batches } = await createBatches(1);
  const cycles = await prisma.cycle.findMany({ where: { batchId: batches[0]!.id }, orderBy: { id: "asc" } });
  const socket = await connectWs(server.url, { headers: { "x-request-id": randomUUID() } });
  for (const [index, category] of [
    [0, "IN_PROGRESS"],
    [1, "COMPLETE"],
  ] as const) {
    const result = await socket.execute<Result>(SET_CYCLE, setCycle(cycles[index]!.id, category));
    expect(result).toEqual({ data: { updateCycleStatus: { cycle: { currentStatus: { category } } } } });
  }
  const stored = await prisma.cycle.findMany({ where: { batchId: batches[0]!.id }, orderBy: { id: "asc" } });
  expect(stored.map((cycle) => cycle.statusCategory)).toEqual(["IN_PROGRESS", "COMPLETE", "PENDING"]);
  await socket.close();
});

test("a message larger than MAX_BODY_BYTES closes the socket (1009) before it is read", async () => {
  const socket = new WebSocket(server.url, "graphql-transport-ws");
  await new Promise((resolve) => socket.once("open", resolve));
  const closed = new Promise<number>((resolve) => socket.once("close", resolve));
  const payload = { query: `{ __typename }`, variables: { pad: "x".repeat(1_000_001) } };
  socket.send(JSON.stringify({ id: "1", type: "subscribe", payload }));
  expect(await closed).toBe(1009);
});
