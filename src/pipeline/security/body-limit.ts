// Refuses request bodies above MAX_BODY_BYTES with 413 LIMIT_EXCEEDED: by Content-Length before
// the body is read; a body without one (Transfer-Encoding: chunked) is counted as it arrives and
// refused as soon as the limit is passed.
import { GraphQLError } from "graphql";
import type { FetchAPI, Plugin } from "graphql-yoga";

const tooLargeBody = (description: string, maxBytes: number) => ({
  errors: [
    { message: `Request body ${description} exceeds the limit of ${maxBytes}`, extensions: { code: "LIMIT_EXCEEDED" } },
  ],
});

/**
 * The request with its body counted as it arrives: the stream fails once `maxBytes` have passed,
 * and `passed()` says so (the parser reports the failed read as invalid JSON, without its cause).
 */
function countedRequest(request: Request, maxBytes: number, fetchAPI: FetchAPI) {
  // A native stream needs the native TransformStream; the server adapter's ponyfill its own.
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let bytes = 0;
  const body = request.body!.pipeThrough(
    new Transform({
      transform(chunk: Uint8Array, controller: TransformStreamDefaultController<Uint8Array>) {
        bytes += chunk.byteLength;
        if (bytes > maxBytes) controller.error(new Error("body too large"));
        else controller.enqueue(chunk);
      },
    }),
  );
  const init = { method: request.method, headers: request.headers, signal: request.signal, body, duplex: "half" };
  return { request: new fetchAPI.Request(request.url, init as RequestInit), passed: () => bytes > maxBytes };
}

/**
 * MAX_BODY_BYTES: a Content-Length above it is refused before the body is read; Node's HTTP
 * parser never delivers more than a Content-Length says, so such a body is read as it is. Only a
 * body without one (chunked) is counted as it arrives (Yoga's own limit is off in
 * src/app/gateway.ts: it wraps every body in a stream pipeline, about 5% of a small request's CPU).
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length <= maxBytes) return;
      const body = tooLargeBody(`of ${length} bytes`, maxBytes);
      endResponse(new Response(JSON.stringify(body), { status: 413, headers: { "content-type": "application/json" } }));
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (!requestParser || !request.body || request.headers.has("content-length")) return;
      setRequestParser(async (incoming) => {
        const counted = countedRequest(incoming, maxBytes, fetchAPI);
        try {
          return await requestParser(counted.request);
        } catch (error) {
          if (!counted.passed()) throw error;
          const [coded] = tooLargeBody("still arriving", maxBytes).errors;
          throw new GraphQLError(coded!.message, { extensions: { ...coded!.extensions, http: { status: 413 } } });
        }
      });
    },
  };
}
