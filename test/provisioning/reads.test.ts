import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { parseId } from "../../src/graphql/ids.ts";
import { provisioningRetentionJob } from "../../src/domains/provisioning/jobs.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import {
  ProvisioningBatchByIdDocument,
  ProvisioningBatchesPageDocument,
  ProvisioningEventsDocument,
  SubscriptionByNumberDocument,
  SubscriptionsPageDocument,
} from "../generated/graphql.ts";
import { block, createSubscription, createSubscriptions, drain, submit } from "./factories.ts";
import { counted } from "../counted.ts";

describe("provisioning batch reads", () => {
  test("requests can be filtered by status, in submission order with the client's requestId", async () => {
    const subscription = await createSubscription();
    const { batch } = await submit([
      block(`msisdn:${subscription.msisdn}`, true, "first"),
      { requestId: "bad", method: "GET", resource: "subscriptions" },
      block("msisdn:46799999998", true, "missing"),
    ]);
    await drain();
    const { provisioningBatch } = await query(ProvisioningBatchByIdDocument, {
      id: batch.id,
      status: ["REJECTED", "FAILED"],
    });
    expect(provisioningBatch?.requests.map((request) => [request.requestId, request.status, request.batch.id])).toEqual(
      [
        ["bad", "REJECTED", batch.id],
        ["missing", "FAILED", batch.id],
      ],
    );
  });

  test("provisioningBatch is null for an unknown id and BAD_USER_INPUT for another type's id", async () => {
    expect(
      (await query(ProvisioningBatchByIdDocument, { id: Buffer.from("ProvisioningBatch:999999").toString("base64") }))
        .provisioningBatch,
    ).toBeNull();
    const result = await execute(ProvisioningBatchByIdDocument, { id: Buffer.from("Batch:1").toString("base64") });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  test("provisioningBatches pages newest first, filters by status, and reads requests in one batched statement", async () => {
    const subscriptions = await createSubscriptions(5);
    const ids: string[] = [];
    for (const subscription of subscriptions)
      ids.push((await submit([block(`msisdn:${subscription.msisdn}`), block(`iccid:${subscription.iccid}`)])).batch.id);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const { provisioningBatches: page } = await query(ProvisioningBatchesPageDocument, {
        first: 2,
        after,
        filter: { status: ["INITIALISING"] },
      });
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((edge) => edge.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...ids].reverse());

    const count = async (first: number) => {
      const { result, statements } = await recordStatements(() => query(ProvisioningBatchesPageDocument, { first }));
      expect(result.provisioningBatches.edges.every((edge) => edge.node.requests.length === 2)).toBe(true);
      return statements.length;
    };
    expect(await count(5)).toBe(await count(1));
    const { provisioningBatches } = await query(ProvisioningBatchesPageDocument, { filter: { status: ["COMPLETED"] } });
    expect(provisioningBatches.totalCount).toBe(0);
  });

  test("reads need provisioning:read", async () => {
    const token = await tokenFor(["batch:read"]);
    const result = await execute(ProvisioningBatchesPageDocument, { first: 1 }, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("subscriptions", () => {
  test("subscription(msisdn:) and subscription(iccid:) find the same subscription; neither or both is BAD_USER_INPUT", async () => {
    const subscription = await createSubscription({ services: ["Data1G"] });
    const byMsisdn = await query(SubscriptionByNumberDocument, { msisdn: subscription.msisdn });
    const byIccid = await query(SubscriptionByNumberDocument, { iccid: subscription.iccid });
    expect(byMsisdn.subscription).toEqual(byIccid.subscription);
    expect(byMsisdn.subscription).toMatchObject({
      state: "ACTIVE",
      blocked: false,
      services: [{ serviceId: "Data1G", parameters: {} }],
    });
    expect((await query(SubscriptionByNumberDocument, { msisdn: "46700000000000" })).subscription).toBeNull();
    for (const variables of [{}, { msisdn: subscription.msisdn, iccid: subscription.iccid }]) {
      const result = await execute(SubscriptionByNumberDocument, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });
    }
  });

  test("subscriptions pages newest first through every subscription once", async () => {
    const created = await createSubscriptions(5);
    const { subscriptions: first } = await query(SubscriptionsPageDocument, { first: 3 });
    const { subscriptions: rest } = await query(SubscriptionsPageDocument, {
      first: 100,
      after: first.pageInfo.endCursor,
    });
    const seen = [...first.edges, ...rest.edges].map((edge) => edge.node.iccid);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(first.totalCount);
    for (const subscription of counted(created, 5)) expect(seen).toContain(subscription.iccid);
    expect(first.pageInfo.hasNextPage).toBe(true);
  });
});

describe("events feed and retention", () => {
  test("events page oldest first and filter by type and batch", async () => {
    const subscriptions = await createSubscriptions(3);
    const { batch } = await submit(subscriptions.map((subscription) => block(`msisdn:${subscription.msisdn}`)));
    await drain();
    const filter = { batchId: batch.id };
    const { events: page1 } = await query(ProvisioningEventsDocument, { first: 2, filter });
    const { events: page2 } = await query(ProvisioningEventsDocument, {
      first: 2,
      after: page1.pageInfo.endCursor,
      filter,
    });
    expect(page1.totalCount).toBe(4);
    expect([...page1.edges, ...page2.edges].map((edge) => edge.node.type)).toEqual([
      "ORDER_COMPLETED",
      "ORDER_COMPLETED",
      "ORDER_COMPLETED",
      "BATCH_COMPLETED",
    ]);
    expect(page2.pageInfo.hasNextPage).toBe(false);
    const { events: completions } = await query(ProvisioningEventsDocument, {
      filter: { type: "BATCH_COMPLETED", batchId: batch.id },
    });
    expect(completions.edges.map((edge) => edge.node.batch)).toEqual([{ id: batch.id, status: "COMPLETED" }]);
  });

  test(
    "the retention job removes batches older than PROVISIONING_RETENTION (60 days) with their events, and keeps " +
      "newer ones",
    async () => {
      const [old, recent] = await createSubscriptions(2);
      const expired = await submit([block(`msisdn:${old!.msisdn}`)]);
      const kept = await submit([block(`msisdn:${recent!.msisdn}`)]);
      await drain();
      const expiredId = parseId(expired.batch.id, "ProvisioningBatch", "id");
      await prisma.provisioningBatch.update({
        where: { id: expiredId },
        data: { createdAt: new Date(Date.now() - 61 * 86_400_000) },
      });
      await provisioningRetentionJob.run();
      expect((await query(ProvisioningBatchByIdDocument, { id: expired.batch.id })).provisioningBatch).toBeNull();
      expect(
        (await query(ProvisioningEventsDocument, { filter: { batchId: expired.batch.id } })).events.totalCount,
      ).toBe(0);
      expect((await query(ProvisioningBatchByIdDocument, { id: kept.batch.id })).provisioningBatch?.status).toBe(
        "COMPLETED",
      );
      expect((await query(ProvisioningEventsDocument, { filter: { batchId: kept.batch.id } })).events.totalCount).toBe(
        2,
      );
    },
  );
});
