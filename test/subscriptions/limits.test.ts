// Caps on open subscriptions: per WebSocket connection, and per token subject over SSE and
// WebSocket together. A subscription past a cap is refused with LIMIT_EXCEEDED before any SQL,
// and the ones already open go on.
import { afterAll, beforeAll, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { publishProcessStatus } from "../../src/domains/processes/process-subscriptions.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements } from "../client.ts";
import { globalId } from "../factories.ts";
import { tokenOf } from "../frontend/gateway.ts";
import { type Stream, connectWs, startWebSocketServer, subscribeSse } from "./stream.ts";

const WATCH = `subscription Watch($id: ID!) { processStatusChanged(id: $id) { id status } }`;
type Event = {
  data?: { processStatusChanged: { status: string } };
  errors?: { message: string; extensions?: { code?: string } }[];
};

const gateway = createGateway({ subscriptionLimits: { perConnection: 3, perToken: 5 } });
let server: Awaited<ReturnType<typeof startWebSocketServer>>;
beforeAll(async () => (server = await startWebSocketServer(gateway)));
afterAll(() => server.stop());

async function watched() {
  const data = { eventType: "TEST_OPERATION", entityId: "x", deadlineAt: new Date(Date.now() + 60_000) };
  const status = await prisma.processStatus.create({ data });
  return { id: status.id, variables: { id: globalId("ProcessStatus", status.id) } };
}

async function finish(id: number) {
  await prisma.processStatus.update({ where: { id }, data: { status: "SUCCESS", completedAt: new Date() } });
  publishProcessStatus(id);
}

const sse = (variables: object, token: string) => subscribeSse<Event>(WATCH, variables, token, server.httpUrl);

async function opened(streams: Stream<Event>[], count: number) {
  expect(streams).toHaveLength(count);
  for (const stream of streams) expect((await stream.next()).data?.processStatusChanged.status).toBe("PENDING");
}

test("WebSocket: past MAX_SUBSCRIPTIONS_PER_CONNECTION a subscription is refused alone, before any SQL", async () => {
  const process = await watched();
  const socket = await connectWs(server.url, { token: await tokenOf("per-connection") });
  const streams = [1, 2, 3].map(() => socket.subscribe<Event>(WATCH, process.variables));
  await opened(streams, 3);

  const fourth = () =>
    socket
      .subscribe<Event>(WATCH, process.variables)
      .next()
      .catch((errors: unknown) => errors);
  const { result: refusal, statements } = await recordStatements(fourth);
  expect(statements).toEqual([]);
  expect(refusal).toMatchObject([{ extensions: { code: "LIMIT_EXCEEDED" } }]);
  expect(JSON.stringify(refusal)).toMatch(/At most 3 subscriptions .* one WebSocket connection/);

  // The three already open go on, and closing one makes room for another.
  await finish(process.id);
  for (const stream of streams) expect((await stream.next()).data?.processStatusChanged.status).toBe("SUCCESS");
  await streams[0]!.close();
  const another = socket.subscribe<Event>(WATCH, process.variables);
  expect((await another.next()).data?.processStatusChanged.status).toBe("SUCCESS");
  await socket.close();
});

test("per token subject over SSE and WebSocket: past MAX_SUBSCRIPTIONS_PER_TOKEN both refuse", async () => {
  const process = await watched();
  const token = await tokenOf("per-token");
  const overSse: Stream<Event>[] = [];
  for (let i = 0; i < 3; i++) overSse.push(await sse(process.variables, token));
  const socket = await connectWs(server.url, { token });
  const overWs = [socket.subscribe<Event>(WATCH, process.variables), socket.subscribe<Event>(WATCH, process.variables)];
  await opened([...overSse, ...overWs], 5);

  const sixth = async () => (await sse(process.variables, token)).next();
  const { result: sseRefusal, statements } = await recordStatements(sixth);
  expect(statements).toEqual([]);
  expect(sseRefusal.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
  expect(sseRefusal.errors?.[0]?.message).toMatch(/At most 5 subscriptions .* per token subject/);
  // Another socket of the same subject is refused too; another subject is not.
  const second = await connectWs(server.url, { token });
  const wsRefusal = await second
    .subscribe<Event>(WATCH, process.variables)
    .next()
    .catch((errors: unknown) => errors);
  expect(wsRefusal).toMatchObject([{ extensions: { code: "LIMIT_EXCEEDED" } }]);
  const stranger = await sse(process.variables, await tokenOf("someone-else"));
  expect((await stranger.next()).data?.processStatusChanged.status).toBe("PENDING");

  // A subscription that ends gives its place back.
  await overSse[0]!.close();
  const later: Stream<Event>[] = [];
  await expect
    .poll(
      async () => {
        const stream = await sse(process.variables, token);
        later.push(stream);
        return (await stream.next()).data?.processStatusChanged.status;
      },
      { timeout: 5_000 },
    )
    .toBe("PENDING");
  for (const stream of [...overSse.slice(1), ...later, stranger]) await stream.close();
  await Promise.all([socket.close(), second.close()]);
});
