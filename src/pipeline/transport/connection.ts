// Which connection an operation came over: the rate limit and the subscription caps count per
// WebSocket connection, and HTTP requests have none.
import type { IncomingMessage } from "node:http";

/**
 * Beside Yoga's own, the server context of an operation that arrived over a WebSocket
 * (websocket.ts): `websocket` is the graphql-ws connection, the same object for every
 * operation sent on it; `req` is the HTTP upgrade request that opened it.
 */
export interface WebSocketServerContext {
  websocket: object;
  req: IncomingMessage;
}

/** The WebSocket connection an operation came over; undefined over HTTP. */
export function websocketOf(context: unknown): object | undefined {
  return (context as Partial<WebSocketServerContext> | undefined)?.websocket;
}
