// The open-subscriptions gauge stays true: it goes back to 0 however subscriptions end — the
// client completes, the socket closes, an SSE client disconnects (even before its stream was
// first read), the source fails, or the server refuses.
import { afterAll, beforeAll, expect, test } from "vitest";
import { pubsub } from "../../src/data/pubsub.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";
import { tokenOf } from "../frontend/gateway.ts";
import { createMessages } from "../messages/factories.ts";
import { type Stream, connectWs, startWebSocketServer, subscribeSse } from "../subscriptions/stream.ts";

const WATCH = `subscription WatchMessages($ids: [Int!]!) { messageStatusChanged(ids: $ids) { messageId status } }`;
type Event = { data?: { messageStatusChanged: { status: string } }; errors?: { extensions?: { code?: string } }[] };

const gateway = createGateway({ subscriptionLimits: { perConnection: 2, perToken: 100 } });
let server: Awaited<ReturnType<typeof startWebSocketServer>>;
beforeAll(async () => (server = await startWebSocketServer(gateway)));
afterAll(() => server.stop());

async function open(): Promise<number> {
  const text = await (await gateway.fetch("http://gateway.test/metrics")).text();
  const gauge = 'gateway_graphql_subscriptions{operationName="WatchMessages"}';
  const line = text.split("\n").find((row) => row.startsWith(gauge));
  return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
}

/** An SSE request whose client leaves as soon as the response starts, before reading any event. */
async function sseGoneBeforeFirstRead(variables: object) {
  const controller = new AbortController();
  const response = await gateway.fetch("http://gateway.test/graphql", {
    method: "POST",
    signal: controller.signal,
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      authorization: `Bearer ${await tokenFor()}`,
    },
    body: JSON.stringify({ query: WATCH, variables }),
  });
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  controller.abort();
}

/** A change event whose message cannot be read (an id out of range): the source fails. */
const failingEvent = (messageId: number) => pubsub.publish("messageStatusChanged", messageId, { messageId: 2 ** 40 });

test("the gauge counts open subscriptions and returns to 0 whatever ended them", async () => {
  const messages = await createMessages(2, {});
  const [first, second] = messages.map((message) => ({ ids: [message.id] }));
  const ws = await connectWs(server.url);
  const streams: Stream<Event>[] = [
    await subscribeSse<Event>(WATCH, first!, undefined, server.httpUrl), // closed by the client
    await subscribeSse<Event>(WATCH, second!, undefined, server.httpUrl), // its source fails
    ws.subscribe<Event>(WATCH, first!), // completed by the client
    ws.subscribe<Event>(WATCH, second!), // its source fails
  ];
  expect(streams).toHaveLength(4);
  for (const stream of streams) expect((await stream.next()).data?.messageStatusChanged.status).toBe("SCHEDULED");
  await sseGoneBeforeFirstRead(first!);
  await sseGoneBeforeFirstRead(second!);
  const dropped = await connectWs(server.url); // its socket closes without completing
  const onDropped = dropped.subscribe<Event>(WATCH, first!);
  await onDropped.next();
  expect(await open()).toBeGreaterThanOrEqual(5);

  failingEvent(messages[1]!.id);
  for (const failed of [streams[1]!, streams[3]!]) {
    // A last result with the masked error (a graphql-ws error message would reject instead).
    const last = await failed.next().catch((errors: Event["errors"]) => ({ errors }));
    expect(last.errors?.[0]?.extensions?.code).toBe("INTERNAL_SERVER_ERROR");
  }
  await streams[0]!.close();
  await streams[2]!.close();
  dropped.client.terminate();
  await expect.poll(open, { timeout: 5_000 }).toBe(0);
  await Promise.all([ws.close(), streams[1]!.close(), streams[3]!.close()]);
});

test("subscriptions the server refuses are never counted", async () => {
  const [message] = await createMessages(1, {});
  const variables = { ids: [message!.id] };
  const ws = await connectWs(server.url);
  const allowed = [ws.subscribe<Event>(WATCH, variables), ws.subscribe<Event>(WATCH, variables)];
  expect(allowed).toHaveLength(2);
  for (const stream of allowed) await stream.next();
  expect(await open()).toBe(2);
  // Past the connection cap (2), and without the field's scope.
  const third = ws.subscribe<Event>(WATCH, variables).next();
  await expect(third).rejects.toSatisfy((errors) => JSON.stringify(errors).includes("LIMIT_EXCEEDED"));
  const unscopedToken = await tokenOf("unscoped", ["batch:read"]);
  const unscoped = await subscribeSse<Event>(WATCH, variables, unscopedToken, server.httpUrl);
  expect((await unscoped.next()).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  expect(await open()).toBe(2);
  await ws.close();
  await expect.poll(open, { timeout: 5_000 }).toBe(0);
  await unscoped.close();
});
