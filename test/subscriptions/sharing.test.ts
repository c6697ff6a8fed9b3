// Subscribers of the same operation (document, variables, scopes) share one read and one
// execution per event, over SSE and WebSocket alike, and still see every value fresh.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { publishBatchChange } from "../../src/domains/production/batch/batch-subscriptions.ts";
import { recordStatements, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { type Stream, startWebSocketServer, subscribeSse, subscribeWs } from "./stream.ts";

const WATCH = `subscription Watch($id: ID!) {
  batchStatusChanged(id: $id) {
    label currentStatus { category } cycleCounts { pending inProgress complete }
    workOrder { label } queue { label location { label } }
  }
}`;
type Counts = { pending: number; inProgress: number; complete: number };
type Event = { data?: { batchStatusChanged: { cycleCounts: Counts } | null } };
const countsOf = async (stream: Stream<Event>) => (await stream.next()).data?.batchStatusChanged?.cycleCounts;

let server: Awaited<ReturnType<typeof startWebSocketServer>>;
beforeAll(async () => (server = await startWebSocketServer()));
afterAll(() => server.stop());

async function watchedBatch() {
  const { batches } = await createBatches(1, { numberCycles: 30 });
  const batch = batches[0]!;
  const cycles = await prisma.cycle.findMany({ where: { batchId: batch.id }, orderBy: { id: "asc" } });
  let moved = 0;
  return {
    variables: { id: globalId("Batch", batch.id) },
    /** Completes the next cycle without telling anyone. */
    completeQuietly: () =>
      prisma.cycle.update({ where: { id: cycles[moved++]!.id }, data: { statusCategory: "COMPLETE" } }),
    publish: () => publishBatchChange(batch.id),
  };
}

/** The SQL statements one change costs until every stream has its result, and those results. */
async function oneChange(batch: Awaited<ReturnType<typeof watchedBatch>>, streams: Stream<Event>[]) {
  await batch.completeQuietly();
  const { result, statements } = await recordStatements(async () => {
    batch.publish();
    return Promise.all(streams.map(countsOf));
  });
  return { counts: result, statements: statements.length };
}

test("20 identical subscribers, over SSE and WebSocket, cost what one does per event", async () => {
  const batch = await watchedBatch();
  const first = [await subscribeSse<Event>(WATCH, batch.variables)];
  expect(await countsOf(first[0]!)).toEqual({ pending: 30, inProgress: 0, complete: 0 });
  const alone = await oneChange(batch, first);
  expect(alone.counts).toEqual([{ pending: 29, inProgress: 0, complete: 1 }]);
  expect(alone.statements).toBeGreaterThan(0);

  const others: Stream<Event>[] = [];
  for (let i = 0; i < 19; i++) {
    const { variables } = batch;
    const stream = i % 2 ? subscribeSse<Event>(WATCH, variables) : subscribeWs<Event>(server.url, WATCH, variables);
    others.push(await stream);
  }
  expect(others).toHaveLength(19);
  for (const stream of others) expect(await countsOf(stream)).toEqual({ pending: 29, inProgress: 0, complete: 1 });

  const together = await oneChange(batch, [...first, ...others]);
  expect(together.counts).toHaveLength(20);
  for (const counts of together.counts) expect(counts).toEqual({ pending: 28, inProgress: 0, complete: 2 });
  expect(together.statements).toBe(alone.statements);
  for (const stream of [...first, ...others]) await stream.close();
});

test("a subscriber joining a shared stream gets the current state read when it joins, then every change", async () => {
  const batch = await watchedBatch();
  const early = await subscribeSse<Event>(WATCH, batch.variables);
  expect(await countsOf(early)).toEqual({ pending: 30, inProgress: 0, complete: 0 });
  // Changed without an event: a joiner must read it, not be handed the last result sent.
  await batch.completeQuietly();
  const late = await subscribeWs<Event>(server.url, WATCH, batch.variables);
  expect(await countsOf(late)).toEqual({ pending: 29, inProgress: 0, complete: 1 });
  const change = await oneChange(batch, [early, late]);
  expect(change.counts).toEqual(Array(2).fill({ pending: 28, inProgress: 0, complete: 2 }));
  await Promise.all([early.close(), late.close()]);
});

test("subscribers with different scopes do not share an execution", async () => {
  const batch = await watchedBatch();
  const everything = await subscribeSse<Event>(WATCH, batch.variables);
  await countsOf(everything);
  const alone = await oneChange(batch, [everything]);
  const readOnly = await subscribeSse<Event>(WATCH, batch.variables, await tokenFor(["batch:read"]));
  expect(await countsOf(readOnly)).toEqual({ pending: 29, inProgress: 0, complete: 1 });
  const apart = await oneChange(batch, [everything, readOnly]);
  expect(apart.counts).toEqual(Array(2).fill({ pending: 28, inProgress: 0, complete: 2 }));
  // Two executions (Prisma may still merge their identical row reads into one statement).
  expect(apart.statements).toBeGreaterThan(alone.statements);
  await Promise.all([everything.close(), readOnly.close()]);
});

test("once the last subscriber has left, an event reads nothing", async () => {
  const batch = await watchedBatch();
  const streams = [
    await subscribeSse<Event>(WATCH, batch.variables),
    await subscribeWs<Event>(server.url, WATCH, batch.variables),
  ];
  expect(streams).toHaveLength(2);
  for (const stream of streams) await countsOf(stream);
  for (const stream of streams) await stream.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const { statements } = await recordStatements(async () => {
    batch.publish();
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  expect(statements).toEqual([]);
});
