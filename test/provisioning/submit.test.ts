import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { ProvisioningBatchByIdDocument, SubmitProvisioningBatchDocument } from "../generated/graphql.ts";
import { block, create, numbers, service, submit } from "./factories.ts";

describe("submitProvisioningBatch", () => {
  test(
    "stores the batch INITIALISING with every request APPROVED or REJECTED with the reason, and a PENDING " +
      "process status",
    async () => {
      const n = numbers();
      const payload = await submit([
        create(n, "127322"),
        block("msisdn:46708421488", true, "127323"),
        service("POST", "msisdn:46708421466", "Data1G", "127324"),
        {
          requestId: "127325",
          method: "POST",
          resource: "subscriptions/msisdn:46708421477/services",
          body: { limit: 100 },
        },
        { requestId: "127326", method: "GET", resource: "subscriptions" },
        {
          requestId: "127327",
          method: "PATCH",
          resource: "subscriptions/imsi:240011234567890",
          body: { blocked: true },
        },
        { requestId: "127328", method: "PATCH", resource: "subscriptions/msisdn:12ab", body: { blocked: true } },
        { requestId: "127329", method: "PATCH", resource: "accounts/msisdn:46708421488", body: { blocked: true } },
        { method: "POST", resource: "subscriptions", body: { msisdn: n.msisdn } },
      ]);
      expect(payload.batch).toMatchObject({ type: "SINGLE", status: "INITIALISING" });
      expect(payload.processStatus).toMatchObject({
        status: "PENDING",
        eventType: "SUBMIT_PROVISIONING_BATCH",
        entityId: payload.batch.id,
      });
      expect(
        payload.batch.requests.map(({ requestId, status, info, orderId }) => ({ requestId, status, info, orderId })),
      ).toEqual([
        { requestId: "127322", status: "APPROVED", info: null, orderId: null },
        { requestId: "127323", status: "APPROVED", info: null, orderId: null },
        { requestId: "127324", status: "APPROVED", info: null, orderId: null },
        { requestId: "127325", status: "REJECTED", info: "Missing serviceId parameter in body", orderId: null },
        { requestId: "127326", status: "REJECTED", info: "Unsupported operation: GET subscriptions", orderId: null },
        {
          requestId: "127327",
          status: "REJECTED",
          info: 'Unknown subscription id type "imsi": expected msisdn or iccid',
          orderId: null,
        },
        {
          requestId: "127328",
          status: "REJECTED",
          info: 'Invalid msisdn "12ab": expected 8 to 15 digits',
          orderId: null,
        },
        {
          requestId: "127329",
          status: "REJECTED",
          info: 'Unsupported resource "accounts/msisdn:46708421488"',
          orderId: null,
        },
        { requestId: "9", status: "REJECTED", info: "Missing msisdn or iccid parameter in body", orderId: null },
      ]);
      expect(payload.batch.requests[0]?.iccid).toBe(n.iccid);
    },
  );

  test("a MULTI batch rejects requests that name no iccid, in the resource or the body", async () => {
    const n = numbers();
    const payload = await submit(
      [
        create(n),
        service("POST", `iccid:${n.iccid}`, "Data1G"),
        block("msisdn:46708421488"),
        { ...block("msisdn:46708421499"), body: { blocked: true, iccid: n.iccid } },
      ],
      "MULTI",
    );
    expect(payload.batch.type).toBe("MULTI");
    expect(payload.batch.requests.map((request) => [request.status, request.iccid])).toEqual([
      ["APPROVED", n.iccid],
      ["APPROVED", n.iccid],
      ["REJECTED", null],
      ["APPROVED", n.iccid],
    ]);
    expect(payload.batch.requests[2]?.info).toMatch(/MULTI batch needs an iccid/);
  });

  test("101 requests or none are BAD_USER_INPUT before any SQL, and nothing is stored", async () => {
    const before = await prisma.provisioningBatch.count();
    for (const [requests, message] of [
      [Array.from({ length: 101 }, () => block("msisdn:46708421488")), /at most 100 requests, got 101/],
      [[], /at least one request/],
    ] as const) {
      const { result, statements } = await recordStatements(() =>
        execute(SubmitProvisioningBatchDocument, { input: { requests: [...requests] } }),
      );
      expect(result.errors?.[0]?.message).toMatch(message);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.requests" });
      expect(statements).toEqual([]);
    }
    expect(await prisma.provisioningBatch.count()).toBe(before);
  });

  test("an over-long field is BAD_USER_INPUT naming the request and field", async () => {
    const result = await execute(SubmitProvisioningBatchDocument, {
      input: {
        requests: [
          block("msisdn:46708421488"),
          { ...block("msisdn:46708421488"), resource: `subscriptions/${"x".repeat(300)}` },
        ],
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "input.requests[1].resource",
    });
  });

  test("exactly 100 requests are accepted, stored with their positions", async () => {
    const requests = Array.from({ length: 100 }, (_, i) =>
      block(`msisdn:467000${String(i).padStart(5, "0")}`, true, `r${i}`),
    );
    const payload = await submit(requests);
    const { provisioningBatch } = await query(ProvisioningBatchByIdDocument, { id: payload.batch.id });
    expect(provisioningBatch?.requests).toHaveLength(100);
    expect(provisioningBatch?.requests.map((request) => request.requestId)).toEqual(
      requests.map((request) => request.requestId),
    );
    expect(provisioningBatch?.requests[99]?.position).toBe(99);
  });

  test("a batch is never half-stored: a failing insert rolls the whole batch back", async () => {
    const before = await prisma.provisioningRequest.count();
    const batches = await prisma.provisioningBatch.count();
    // A NUL character is refused by PostgreSQL text columns, failing the requests' insert.
    const result = await execute(SubmitProvisioningBatchDocument, {
      input: { requests: [block("msisdn:46708421488", true, "ok"), block("msisdn:46708421488", true, "bad\u0000")] },
    });
    expect(result.errors).toBeDefined();
    expect(await prisma.provisioningRequest.count()).toBe(before);
    expect(await prisma.provisioningBatch.count()).toBe(batches);
  });

  test("submitting needs provisioning:submit; a read-only token is FORBIDDEN", async () => {
    const token = await tokenFor(["provisioning:read"]);
    const result = await execute(
      SubmitProvisioningBatchDocument,
      { input: { requests: [block("msisdn:46708421488")] } },
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});
