// A replayed mutation (same X-Request-Id) answers only a caller allowed to run it afresh, and
// answers exactly, byte for byte, what the first request got — with the response cache on too.
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { post, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";

const UPDATE = `mutation ($input: UpdateBatchInput!) {
  updateBatch(input: $input) {
    batch { id label version queue { id label } cycles(first: 2) { edges { node { id label } } } }
    processStatus { id status }
  }
}`;

test(
  "a replay checks the caller's scopes as a fresh request would: a zero-scope token of the same subject gets " +
    "FORBIDDEN, not the stored answer",
  async () => {
    const { batches } = await createBatches(1);
    const headers = { "x-request-id": randomUUID() };
    const variables = { input: { id: globalId("Batch", batches[0]!.id), label: "Renamed once" } };
    const first = await post<{ updateBatch: { batch: { label: string } } }>(
      { query: UPDATE, variables },
      { ...headers, authorization: `Bearer ${await tokenFor()}` },
    );
    expect(first.errors).toBeUndefined();
    expect(first.data?.updateBatch.batch.label).toBe("Renamed once");

    const replayed = await post(
      { query: UPDATE, variables },
      { ...headers, authorization: `Bearer ${await tokenFor([])}` },
    );
    expect(replayed.data).toBeUndefined();
    expect(replayed.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(replayed)).not.toContain("Renamed once");
    expect(replayed.headers.get("idempotent-replayed")).toBeNull();

    const updateOnly = await post(
      { query: UPDATE, variables },
      { ...headers, authorization: `Bearer ${await tokenFor(["batch:update"])}` },
    );
    expect(updateOnly.errors?.map((error) => error.extensions?.scopes)).toEqual([
      ["batch:read", "process-status:read"],
    ]);
  },
);

test("with the response cache on, a replay is byte-identical to the first answer, without the cache's internal fields", async () => {
  const gateway = createGateway({ responseCache: { enabled: true } });
  const { batches } = await createBatches(1);
  const token = await tokenFor();
  const send = async () => {
    const response = await gateway.fetch("http://gateway.test/graphql", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        authorization: `Bearer ${token}`,
        "x-request-id": requestId,
      },
      body: JSON.stringify({
        query: UPDATE,
        variables: { input: { id: globalId("Batch", batches[0]!.id), label: "Renamed, cached" } },
      }),
    });
    return { text: await response.text(), replayed: response.headers.get("idempotent-replayed") };
  };
  const requestId = randomUUID();
  const first = await send();
  const second = await send();
  expect(first.replayed).toBeNull();
  expect(second.replayed).toBe("true");
  expect(first.text).toContain("Renamed, cached");
  expect(first.text).not.toContain("__responseCache");
  expect(second.text).toBe(first.text);
  expect(
    await prisma.processStatus.count({
      where: { entityId: globalId("Batch", batches[0]!.id), eventType: "UPDATE_BATCH" },
    }),
  ).toBe(1);
});
