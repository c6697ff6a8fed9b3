// PERSISTED_OPERATIONS=only holds on every transport: HTTP POST and GET, Server-Sent Events
// and WebSocket run the manifest's operations by hash and refuse any other document.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { readManifest } from "../../src/pipeline/delivery/persisted-operations.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { createBatches, globalId } from "../factories.ts";
import { connectWs, startWebSocketServer, subscribeSse } from "../subscriptions/stream.ts";
import { tokenOf } from "./gateway.ts";

const manifest = readManifest();
const boardHash = [...manifest].find(([, text]) => text.startsWith("query BatchBoard("))![0];
const ARBITRARY_SUBSCRIPTION = `subscription($id: ID!) { batchStatusChanged(id: $id) { label } }`;
type Result = { data?: { batches?: { totalCount: number } }; errors?: { extensions?: { code?: string } }[] };
const codeOf = (errors: unknown) => (errors as { extensions?: { code?: string } }[])[0]?.extensions?.code;

let server: Awaited<ReturnType<typeof startWebSocketServer>>;
let token: string;
beforeAll(async () => {
  server = await startWebSocketServer(createGateway({ persistedOperations: { mode: "only" } }));
  token = await tokenOf("frontend");
});
afterAll(() => server.stop());

describe("PERSISTED_OPERATIONS=only", () => {
  test("HTTP GET refuses an arbitrary document", async () => {
    const response = await fetch(`${server.httpUrl}?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { accept: "application/graphql-response+json", authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(400);
    expect(codeOf(((await response.json()) as Result).errors)).toBe("PERSISTED_OPERATION_REQUIRED");
  });

  test("Server-Sent Events refuse an arbitrary subscription", async () => {
    const { batches } = await createBatches(1);
    const variables = { id: globalId("Batch", batches[0]!.id) };
    const stream = await subscribeSse<Result>(ARBITRARY_SUBSCRIPTION, variables, token, server.httpUrl);
    expect(codeOf((await stream.next()).errors)).toBe("PERSISTED_OPERATION_REQUIRED");
    await stream.close();
  });

  test("WebSocket refuses arbitrary subscriptions and queries, runs manifest operations by hash", async () => {
    const { queue, batches } = await createBatches(2);
    const socket = await connectWs(server.url, { token });
    const subscription = socket.subscribe(ARBITRARY_SUBSCRIPTION, { id: globalId("Batch", batches[0]!.id) });
    expect(codeOf(await subscription.next().catch((errors: unknown) => errors))).toBe("PERSISTED_OPERATION_REQUIRED");
    const query = socket.subscribe(`{ batches(first: 1) { totalCount } }`);
    expect(codeOf(await query.next().catch((errors: unknown) => errors))).toBe("PERSISTED_OPERATION_REQUIRED");

    // graphql-ws requires a `query` string: a persisted operation sends it empty, with the hash.
    const variables = { filter: { queueIds: [globalId("Queue", queue.id)] } };
    const persistedQuery = { version: 1, sha256Hash: boardHash };
    const board = await socket.execute<Result>("", variables, { extensions: { persistedQuery } });
    expect(board.errors).toBeUndefined();
    expect(board.data?.batches?.totalCount).toBe(2);
    const byDocumentId = await socket.execute<Result>("", variables, { documentId: boardHash });
    expect(byDocumentId.data?.batches?.totalCount).toBe(2);
    await socket.close();
    expect(await socket.closed).toBe(1000);
  });
});
