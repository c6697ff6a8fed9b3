// Rate limiting per caller — the verified token's subject, or the client IP without a valid
// token — over HTTP and WebSocket alike.
import { afterEach, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { publishProcessStatus } from "../../src/domains/processes/process-subscriptions.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { globalId } from "../factories.ts";
import { tokenOf } from "../frontend/gateway.ts";
import { connectWs, startWebSocketServer } from "../subscriptions/stream.ts";

type Server = Awaited<ReturnType<typeof startWebSocketServer>>;
const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

/** A gateway allowing `points` requests per caller and minute, on a real HTTP+WebSocket server. */
async function limitedTo(points: number): Promise<Server> {
  const server = await startWebSocketServer(createGateway({ rateLimit: { points, windowSeconds: 60 } }));
  servers.push(server);
  return server;
}

function send(server: Server, authorization?: string) {
  return fetch(server.httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization === undefined ? {} : { authorization }) },
    body: JSON.stringify({ query: "{ __typename }" }),
  });
}

async function statuses(server: Server, authorizations: (string | undefined)[]) {
  const seen = [];
  for (const authorization of authorizations) seen.push((await send(server, authorization)).status);
  return seen;
}

test("past the limit a caller gets 429 with Retry-After; another subject is unaffected", async () => {
  const server = await limitedTo(3);
  const token = await tokenOf("first-client", ["batch:read"]);
  expect(await statuses(server, Array(4).fill(`Bearer ${token}`))).toEqual([200, 200, 200, 429]);
  const refused = await send(server, `Bearer ${token}`);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: "LIMIT_EXCEEDED" } }] });
  expect((await send(server, `Bearer ${await tokenOf("second-client", ["batch:read"])}`)).status).toBe(200);
});

test("respelling the Authorization header, or another token of the subject, draws on the same bucket", async () => {
  const server = await limitedTo(5);
  const token = await tokenOf("respelled", ["batch:read"]);
  const spellings = [`Bearer ${token}`, `bearer ${token}`, `BEARER ${token}`, `Bearer  ${token}`, `Bearer\t${token}`];
  expect(await statuses(server, spellings)).toEqual([200, 200, 200, 200, 200]);
  const another = await tokenOf("respelled", ["batch:read", "letters:read"]);
  expect(await statuses(server, [`Bearer ${another}`])).toEqual([429]);
});

test("invalid tokens count against the client's address, as requests without a token do", async () => {
  const server = await limitedTo(3);
  const forged = (n: number) => `Bearer forged.token.${n}`;
  const basic = "Basic dXNlcjpwYXNz";
  const seen = await statuses(server, [forged(1), forged(2), undefined, forged(3), basic]);
  expect(seen).toEqual([401, 401, 200, 429, 429]);
  expect((await send(server, `Bearer ${await tokenOf("valid", ["batch:read"])}`)).status).toBe(200);
});

test("each WebSocket operation counts; a refused one leaves the socket and its subscriptions open", async () => {
  const server = await limitedTo(4);
  const token = await tokenOf("websocket-caller", ["process-status:read"]);
  const data = { eventType: "TEST_OPERATION", entityId: "x", deadlineAt: new Date(Date.now() + 60_000) };
  const status = await prisma.processStatus.create({ data });
  const variables = { id: globalId("ProcessStatus", status.id) };
  const watch = `subscription Watch($id: ID!) { processStatusChanged(id: $id) { status } }`;
  type Event = { data: { processStatusChanged: { status: string } } };

  expect(await statuses(server, [`Bearer ${token}`, `bearer ${token}`])).toEqual([200, 200]);
  const socket = await connectWs(server.url, { token });
  const live = socket.subscribe<Event>(watch, variables);
  expect((await live.next()).data.processStatusChanged.status).toBe("PENDING");
  expect(await socket.execute("{ __typename }")).toEqual({ data: { __typename: "Query" } });

  const refused = await socket
    .subscribe(watch, variables)
    .next()
    .catch((errors: unknown) => errors);
  expect(refused).toMatchObject([{ extensions: { code: "LIMIT_EXCEEDED" } }]);
  expect(await statuses(server, [`Bearer ${token}`])).toEqual([429]);

  await prisma.processStatus.update({ where: { id: status.id }, data: { status: "SUCCESS", completedAt: new Date() } });
  publishProcessStatus(status.id);
  expect((await live.next()).data.processStatusChanged.status).toBe("SUCCESS");
  await socket.close();
  expect(await socket.closed).toBe(1000);
});
