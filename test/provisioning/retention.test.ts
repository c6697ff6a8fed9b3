// A provisioning batch older than PROVISIONING_RETENTION (60 days) reads as gone everywhere —
// by id, node/nodes, lists and their counts, its requests and events, live updates — before
// any purge runs; and the purges run once when the jobs start, not only an hour later.
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { startJobs } from "../../src/app/jobs.ts";
import { post, query } from "../client.ts";
import { globalId } from "../factories.ts";
import { ProvisioningBatchByIdDocument } from "../generated/graphql.ts";
import { subscribeSse } from "../subscriptions/stream.ts";
import { block, createSubscriptions, drain, submit } from "./factories.ts";

const DAY = 86_400_000;

/** One batch aged past the retention and one fresh, both executed (so both have requests and events). */
async function expiredAndKept() {
  const [old, recent] = await createSubscriptions(2);
  const expired = await submit([block(`msisdn:${old!.msisdn}`)]);
  const kept = await submit([block(`msisdn:${recent!.msisdn}`)]);
  await drain();
  const expiredId = parseId(expired.batch.id, "ProvisioningBatch", "id");
  await prisma.provisioningBatch.update({
    where: { id: expiredId },
    data: { createdAt: new Date(Date.now() - 61 * DAY) },
  });
  const requestIds = async (batchId: number) =>
    (await prisma.provisioningRequest.findMany({ where: { batchId } })).map((request) =>
      globalId("ProvisioningRequest", request.id),
    );
  const eventIds = async (batchId: number) =>
    (await prisma.provisioningEvent.findMany({ where: { batchId } })).map((event) =>
      globalId("ProvisioningEvent", event.id),
    );
  const keptId = parseId(kept.batch.id, "ProvisioningBatch", "id");
  return {
    expired: { id: expired.batch.id, requests: await requestIds(expiredId), events: await eventIds(expiredId) },
    kept: { id: kept.batch.id, requests: await requestIds(keptId), events: await eventIds(keptId) },
  };
}

async function data<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  const result = await post<T>({ query: text, variables });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

test("an expired batch, its requests and its events read as gone everywhere, before any purge", async () => {
  const { expired, kept } = await expiredAndKept();
  expect(expired.requests).toHaveLength(1);
  expect(expired.events.length).toBeGreaterThan(0);
  expect(await prisma.provisioningBatch.count()).toBe(2); // nothing purged: the reads alone hide it

  expect((await query(ProvisioningBatchByIdDocument, { id: expired.id })).provisioningBatch).toBeNull();
  expect((await query(ProvisioningBatchByIdDocument, { id: kept.id })).provisioningBatch?.id).toBe(kept.id);

  const list = await data<{ provisioningBatches: { totalCount: number; edges: { node: { id: string } }[] } }>(
    "{ provisioningBatches(first: 10) { totalCount edges { node { id } } } }",
  );
  expect(list.provisioningBatches.totalCount).toBe(1);
  expect(list.provisioningBatches.edges.map((edge) => edge.node.id)).toEqual([kept.id]);

  const everyId = [expired.id, ...expired.requests, ...expired.events, kept.id, ...kept.requests, ...kept.events];
  const nodes = await data<{ nodes: ({ id: string } | null)[] }>("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {
    ids: everyId,
  });
  const hidden = 1 + expired.requests.length + expired.events.length;
  expect(nodes.nodes.slice(0, hidden)).toEqual(Array(hidden).fill(null));
  expect(nodes.nodes.slice(hidden).map((node) => node?.id)).toEqual(everyId.slice(hidden));
  for (const id of [expired.id, expired.requests[0]!, expired.events[0]!]) {
    expect((await data<{ node: unknown }>("query($id: ID!) { node(id: $id) { id } }", { id })).node).toBeNull();
  }

  const feed = await data<{ events: { totalCount: number; edges: { node: { id: string; batch: { id: string } } }[] } }>(
    "{ events(first: 100) { totalCount edges { node { id batch { id } } } } }",
  );
  expect(feed.events.totalCount).toBe(kept.events.length);
  expect(feed.events.edges.map((edge) => edge.node.batch.id)).toEqual(kept.events.map(() => kept.id));
  const ofExpired = await data<{ events: { totalCount: number; edges: unknown[] } }>(
    "query($b: ID!) { events(first: 100, filter: { batchId: $b }) { totalCount edges { cursor } } }",
    { b: expired.id },
  );
  expect(ofExpired.events).toEqual({ totalCount: 0, edges: [] });

  const live = await subscribeSse<{ data: { provisioningBatchUpdated: unknown } }>(
    "subscription($id: ID!) { provisioningBatchUpdated(id: $id) { id } }",
    { id: expired.id },
  );
  try {
    expect((await live.next()).data.provisioningBatchUpdated).toBeNull();
  } finally {
    await live.close();
  }
});

test("the purges run once as soon as the jobs start, then on their interval", async () => {
  const { expired, kept } = await expiredAndKept();
  const expiredId = parseId(expired.id, "ProvisioningBatch", "id");
  const stop = startJobs();
  try {
    await expect.poll(() => prisma.provisioningBatch.count({ where: { id: expiredId } }), { timeout: 10_000 }).toBe(0);
  } finally {
    await stop();
  }
  expect(await prisma.provisioningEvent.count({ where: { batchId: expiredId } })).toBe(0);
  expect(await prisma.provisioningBatch.count({ where: { id: parseId(kept.id, "ProvisioningBatch", "id") } })).toBe(1);
});
