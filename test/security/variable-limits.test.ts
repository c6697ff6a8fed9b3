// Variables nested deeper than MAX_VARIABLE_DEPTH are refused, 400 LIMIT_EXCEEDED, before
// anything walks them: 5,000 levels (10 kB) overflowed the response cache's key builder (an
// HTTP 500). Over every transport: HTTP POST and GET with the response cache on, and graphql-ws
// (there a refused operation is answered on its own and the socket stays open).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env } from "../../src/config/env.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import WebSocket from "ws";
import { startWebSocketServer } from "../subscriptions/stream.ts";

/** `levels` nested arrays as JSON text, built without recursion (JSON.stringify would overflow). */
const nestedArrays = (levels: number) => `${"[".repeat(levels)}${"]".repeat(levels)}`;

const cached = createGateway({ responseCache: { enabled: true } });

async function postRaw(body: string) {
  const response = await cached.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body,
  });
  const json = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { status: response.status, json };
}

describe("variables nested too deeply", () => {
  test("the issue's 5,000-deep variable, no token, response cache on: 400 LIMIT_EXCEEDED", async () => {
    const body = `{"query":"{ __typename }","variables":{"x":${nestedArrays(5_000)}}}`;
    expect(body.length).toBeLessThan(env.limits.maxBodyBytes);
    const { result, statements } = await recordStatements(() => postRaw(body));
    expect(statements).toEqual([]);
    expect(result.status).toBe(400);
    expect(result.json.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(result.json.errors?.[0]?.message).toMatch(/nested more than 20 levels deep \(MAX_VARIABLE_DEPTH\)/);
  });

  test("at the limit is served, one level more is refused", async () => {
    const withDepth = (levels: number) => `{"query":"{ __typename }","variables":{"x":${nestedArrays(levels)}}}`;
    const atLimit = await postRaw(withDepth(env.limits.maxVariableDepth));
    expect(atLimit.status).toBe(200);
    expect(atLimit.json.errors).toBeUndefined();
    const over = await postRaw(withDepth(env.limits.maxVariableDepth + 1));
    expect(over.status).toBe(400);
    expect(over.json.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
  });

  test("over GET too", async () => {
    const variables = encodeURIComponent(`{"x":${nestedArrays(3_000)}}`);
    const url = `http://gateway.test/graphql?query=${encodeURIComponent("{ __typename }")}&variables=${variables}`;
    const response = await cached.fetch(url, { headers: { accept: "application/graphql-response+json" } });
    expect(response.status).toBe(400);
    const { errors } = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(errors[0]!.extensions.code).toBe("LIMIT_EXCEEDED");
  });
});

describe("over graphql-ws", () => {
  let server: Awaited<ReturnType<typeof startWebSocketServer>>;
  beforeAll(async () => (server = await startWebSocketServer()));
  afterAll(() => server.stop());

  test("a subscription with 5,000-deep variables is LIMIT_EXCEEDED, and the socket keeps serving", async () => {
    const { batches } = await createBatches(1);
    const id = globalId("Batch", batches[0]!.id);
    const socket = new WebSocket(server.url, "graphql-transport-ws");
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    socket.on("message", (data) => messages.push(JSON.parse(String(data))));
    const received = async (type: string, id?: string) => {
      for (let waited = 0; waited < 5_000; waited += 20) {
        const found = messages.find((message) => message.type === type && message.id === id);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no ${type} message for ${id}: ${JSON.stringify(messages)}`);
    };
    await new Promise((resolve) => socket.once("open", resolve));
    socket.send(JSON.stringify({ type: "connection_init", payload: { Authorization: `Bearer ${await tokenFor()}` } }));
    await received("connection_ack");
    const watch = "subscription($id: ID!) { batchStatusChanged(id: $id) { label } }";
    // Sent as text: the client's own JSON.stringify would overflow on it.
    const variables = `{"id":"${id}","x":${nestedArrays(5_000)}}`;
    const payload = `{"query":${JSON.stringify(watch)},"variables":${variables}}`;
    socket.send(`{"id":"deep","type":"subscribe","payload":${payload}}`);
    // Refused before it runs: a graphql-ws error message for the operation, its errors as payload.
    const refused = (await received("error", "deep")).payload as { extensions?: { code?: string } }[];
    expect(refused[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    socket.send(JSON.stringify({ id: "fine", type: "subscribe", payload: { query: watch, variables: { id } } }));
    const served = (await received("next", "fine")).payload as { data?: { batchStatusChanged: { label: string } } };
    expect(served.data?.batchStatusChanged.label).toBe(batches[0]!.label);
    socket.close();
  });
});
