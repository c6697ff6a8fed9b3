// Live-update hooks: a change is announced after it commits, never for a rolled-back one,
// and reaches the pub/sub topics the GraphQL subscriptions listen on.
import { afterEach, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { type ProvisioningChange, onProvisioningChange } from "../../src/domains/provisioning/changes.ts";
import { pubsub } from "../../src/data/pubsub.ts";
import { execute } from "../client.ts";
import { SubmitProvisioningBatchDocument } from "../generated/graphql.ts";
import { block, createSubscriptions, drain, submit } from "./factories.ts";

let stop = () => {};
afterEach(() => stop());

function recordChanges() {
  const changes: ProvisioningChange[] = [];
  const unsubscribe = onProvisioningChange((change) => changes.push(change));
  stop = () => void unsubscribe();
  return changes;
}

describe("provisioning change notifications", () => {
  test("submit and every execution step announce the batch, its events and its process status", async () => {
    const changes = recordChanges();
    const [subscription] = await createSubscriptions(1);
    const { batch, processStatus } = await submit([block(`msisdn:${subscription!.msisdn}`)]);
    const batchId = parseId(batch.id, "ProvisioningBatch", "id");
    expect(changes).toEqual([
      { batchId, eventIds: [], processStatusId: parseId(processStatus.id, "ProcessStatus", "id") },
    ]);
    await drain();
    const events = await prisma.provisioningEvent.findMany({ where: { batchId }, orderBy: { id: "asc" } });
    expect(changes.every((change) => change.batchId === batchId)).toBe(true);
    expect(changes.flatMap((change) => change.eventIds)).toEqual(events.map((event) => event.id));
    expect(changes.at(-1)?.processStatusId).toBe(parseId(processStatus.id, "ProcessStatus", "id"));
  });

  test("a refused or rolled-back submit announces nothing", async () => {
    const changes = recordChanges();
    await execute(SubmitProvisioningBatchDocument, { input: { requests: [] } });
    await execute(SubmitProvisioningBatchDocument, {
      input: { requests: [block("msisdn:46708421488", true, "bad\u0000")] },
    });
    expect(changes).toEqual([]);
  });

  test("events reach the provisioningEvent and provisioningBatchUpdated topics", async () => {
    const [subscription] = await createSubscriptions(1);
    // A topic listens from the first next() on.
    const feed = pubsub.subscribe("provisioningEvent")[Symbol.asyncIterator]();
    const firstEvent = feed.next();
    const { batch } = await submit([block(`msisdn:${subscription!.msisdn}`)]);
    const batchId = parseId(batch.id, "ProvisioningBatch", "id");
    const updates = pubsub.subscribe("provisioningBatchUpdated", batchId)[Symbol.asyncIterator]();
    const firstUpdate = updates.next();
    await drain();
    const events = await prisma.provisioningEvent.findMany({ where: { batchId }, orderBy: { id: "asc" } });
    const received = [(await firstEvent).value, (await feed.next()).value];
    expect(received).toEqual(events.map((event) => ({ eventId: event.id })));
    expect((await firstUpdate).value).toEqual({ batchId });
    await feed.return?.();
    await updates.return?.();
  });
});
