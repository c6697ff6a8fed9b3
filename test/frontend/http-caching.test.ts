// Persisted operations over GET (`?documentId=…&variables=…`) and the Cache-Control they get:
// private for an answer to a token, public only without one, no-store for errors, mutations
// (refused over GET) and anything but a query result (src/pipeline/delivery/http-caching.ts).
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { readManifest } from "../../src/pipeline/delivery/persisted-operations.ts";
import { createBatches, globalId } from "../factories.ts";
import { CLIENT_SCOPES, send, tokenOf } from "./gateway.ts";

const manifest = readManifest();
const hashOf = (operation: string) => [...manifest].find(([, text]) => / (\w+)\(/.exec(text)?.[1] === operation)![0];
const allowList = createGateway({ persistedOperations: { mode: "only" } });

type Answer = { data?: { batches?: { totalCount: number } } | null; errors?: { extensions: { code: string } }[] };

async function get(params: Record<string, string>, token: string | null) {
  const response = await allowList.fetch(`http://gateway.test/graphql?${new URLSearchParams(params)}`, {
    headers: { accept: "application/graphql-response+json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { response, body: (await response.json()) as Answer };
}

describe("persisted operations over GET", () => {
  test("a manifest query runs by documentId with its variables; the answer to a token is private, varying by Authorization", async () => {
    const { queue } = await createBatches(3);
    const variables = JSON.stringify({ filter: { queueIds: [globalId("Queue", queue.id)] } });
    const { response, body } = await get(
      { documentId: hashOf("BatchBoard"), variables },
      await tokenOf("frontend", CLIENT_SCOPES),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.batches!.totalCount).toBe(3);
    expect(response.headers.get("cache-control")).toBe("private, max-age=10");
    expect(response.headers.get("vary")).toMatch(/Authorization/i);
  });

  test("an answer with errors is no-store (a token without the scope gets FORBIDDEN)", async () => {
    const { response, body } = await get(
      { documentId: hashOf("BatchBoard") },
      await tokenOf("frontend", ["messages:read"]),
    );
    expect(body.errors![0]!.extensions.code).toBe("FORBIDDEN");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  test("a persisted mutation over GET is refused (405), writes nothing and is never cacheable", async () => {
    const { queue, workOrder } = await createBatches(1);
    const before = await prisma.batch.count();
    const input = {
      queueId: globalId("Queue", queue.id),
      workOrderId: globalId("WorkOrder", workOrder.id),
      label: "By GET",
      numberCycles: 1,
    };
    const { response } = await get(
      { documentId: hashOf("CreateBoardBatch"), variables: JSON.stringify({ input }) },
      await tokenOf("frontend"),
    );
    expect(response.status).toBe(405);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await prisma.batch.count()).toBe(before);
  });

  test("an answer to no token is the same for everyone: public, so a CDN may keep it", async () => {
    const open = createGateway({ persistedOperations: { mode: "allow" } });
    const response = await open.fetch(`http://gateway.test/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/graphql-response+json" },
    });
    expect(await response.json()).toMatchObject({ data: { __typename: "Query" } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=10");
  });

  test("POST answers carry no cache lifetime", async () => {
    const response = await send(
      allowList,
      { documentId: hashOf("BatchBoard") },
      await tokenOf("frontend", CLIENT_SCOPES),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control") ?? "").not.toMatch(/max-age/);
  });
});
