// Subscription clients for tests: Server-Sent Events through yoga.fetch, and graphql-ws over a
// real WebSocket to an in-process HTTP server.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { attachWebSocket } from "../../src/pipeline/transport/websocket.ts";
import { yoga } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";

export interface Stream<T> {
  next(): Promise<T>;
  close(): Promise<void>;
}

/** A subscription over SSE (Yoga's default transport); each `next()` is one event's payload. */
export async function subscribeSse<T = Record<string, unknown>>(
  query: string,
  variables: object,
  token?: string,
  /** A real server's GraphQL URL; in process through yoga.fetch when absent. */
  url?: string,
): Promise<Stream<T>> {
  const controller = new AbortController();
  const send = url
    ? (init: RequestInit) => fetch(url, init)
    : (init: RequestInit) => yoga.fetch("http://gateway.test/graphql", init);
  const response = await send({
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      authorization: `Bearer ${token ?? (await tokenFor())}`,
    },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((line) => line.startsWith("data:"));
          if (data) return JSON.parse(data.slice(5)) as T;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += value;
      }
    },
    async close() {
      controller.abort();
      await reader.cancel().catch(() => {});
    },
  };
}

/** An HTTP+WebSocket server on a free loopback port, for graphql-ws clients (the default gateway unless given). */
export async function startWebSocketServer(gateway: typeof yoga = yoga) {
  const server = createServer(gateway);
  // Longer than any pause between a test's requests: an idle kept-alive connection closed by the
  // server just as fetch reuses it fails the request (ECONNRESET) on a loaded machine.
  server.keepAliveTimeout = 60_000;
  const websockets = attachWebSocket(server, gateway);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    /** The same server's HTTP GraphQL URL (for SSE over a real connection). */
    httpUrl: url.replace(/^ws:/, "http:"),
    async stop() {
      for (const socket of websockets.clients) socket.terminate();
      websockets.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A graphql-ws connection on which several operations run; `closed` settles with the close code. */
export async function connectWs(url: string, options: { token?: string; headers?: Record<string, string> } = {}) {
  const authorization = `Bearer ${options.token ?? (await tokenFor())}`;
  let closedWith: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (closedWith = resolve));
  // Upgrade-request headers, as a browser or proxy would send them.
  const headers = options.headers ?? {};
  class WebSocketWithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  const client = createClient({
    url,
    webSocketImpl: WebSocketWithHeaders,
    connectionParams: { Authorization: authorization },
    retryAttempts: 0,
    on: { closed: (event) => closedWith((event as { code: number }).code) },
  });
  return {
    client,
    closed,
    /** One operation's results; a refused operation rejects `next()` with its errors. */
    subscribe<T = Record<string, unknown>>(query: string, variables: object = {}, extra: object = {}): Stream<T> {
      const iterator = client.iterate({ query, variables: variables as Record<string, unknown>, ...extra });
      return {
        async next() {
          const { value, done } = await iterator.next();
          if (done) throw new Error("subscription ended");
          return value as T;
        },
        async close() {
          await iterator.return?.();
        },
      };
    },
    /** A query or mutation's single result. */
    /** A query or mutation's result: its data and errors (its extensions, the query cost, are left out). */
    async execute<T = Record<string, unknown>>(query: string, variables: object = {}, extra: object = {}): Promise<T> {
      const stream = this.subscribe<T & { extensions?: unknown }>(query, variables, extra);
      const { extensions: _cost, ...result } = await stream.next();
      await stream.close();
      return result as T;
    },
    close: () => client.dispose(),
  };
}

/** A subscription over graphql-ws on its own connection; each `next()` is one result. */
export async function subscribeWs<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: object,
  token?: string,
): Promise<Stream<T>> {
  const connection = await connectWs(url, { token });
  const stream = connection.subscribe<T>(query, variables);
  return {
    next: () => stream.next(),
    async close() {
      await stream.close();
      await connection.close();
    },
  };
}
