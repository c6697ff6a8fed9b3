// MAX_BODY_BYTES holds for bodies without Content-Length too: a 5 MB body sent chunked to a
// real node:http server is answered 413 LIMIT_EXCEEDED as soon as the limit is passed, while
// the client is still sending; a small chunked body is served as before.
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { env } from "../../src/config/env.ts";
import { yoga } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer(yoga);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Sent {
  status: number;
  body: string;
  /** Bytes written when the response arrived. */
  sentBeforeResponse: number;
}

/** POSTs `chunks` with Transfer-Encoding: chunked, a few ms apart; stops sending once answered. */
async function sendChunked(chunks: Iterable<Buffer>): Promise<Sent> {
  const token = await tokenFor();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = httpRequest({
      host: "127.0.0.1",
      port,
      path: "/graphql",
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked", authorization: `Bearer ${token}` },
    });
    request.on("response", (response) => {
      answered = true;
      const sentBeforeResponse = sent;
      let body = "";
      response.on("data", (part) => (body += part));
      response.on("end", () => resolve({ status: response.statusCode!, body, sentBeforeResponse }));
    });
    // Writes after the server closed the connection fail; the answer came first.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    (async () => {
      for (const chunk of chunks) {
        if (answered) break;
        request.write(chunk);
        sent += chunk.length;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      if (!answered) request.end();
    })().catch(reject);
  });
}

function* hugeBody(bytes: number, chunkSize = 64 * 1024): Generator<Buffer> {
  const head = '{"query":"{ __typename }","variables":{"pad":"';
  yield Buffer.from(head);
  for (let written = head.length; written < bytes; written += chunkSize) yield Buffer.alloc(chunkSize, "x");
  yield Buffer.from('"}}');
}

describe("MAX_BODY_BYTES for chunked bodies", () => {
  test("5 MB chunked is 413 LIMIT_EXCEEDED, answered while the client is still sending", async () => {
    const result = await sendChunked(hugeBody(5_000_000));
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body)).toMatchObject({ errors: [{ extensions: { code: "LIMIT_EXCEEDED" } }] });
    expect(result.sentBeforeResponse).toBeGreaterThan(env.limits.maxBodyBytes);
    expect(result.sentBeforeResponse).toBeLessThan(2 * env.limits.maxBodyBytes);
  });

  test("a chunked body within the limit is served", async () => {
    const query = Buffer.from(JSON.stringify({ query: "{ __typename }" }));
    const result = await sendChunked([query.subarray(0, 10), query.subarray(10)]);
    expect(result.status, result.body).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ data: { __typename: "Query" }, extensions: expect.any(Object) });
  });
});
