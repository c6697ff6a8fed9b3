// Refuses request bodies above MAX_BODY_BYTES with 413 LIMIT_EXCEEDED: by Content-Length before
// the body is read; a body without one (Transfer-Encoding: chunked) is counted as it arrives by
// Yoga's own limit (`maxRequestBodySize`, set to the same value in src/app/gateway.ts), which fails the
// read as soon as the limit is passed — its refusal is given the gateway's code here.
import { GraphQLError } from "graphql";
import type { Plugin } from "graphql-yoga";

const tooLargeBody = (description: string, maxBytes: number) => ({
  errors: [
    { message: `Request body ${description} exceeds the limit of ${maxBytes}`, extensions: { code: "LIMIT_EXCEEDED" } },
  ],
});

/** Whether an error (or its cause) is Yoga refusing a body past maxRequestBodySize. */
function isBodyTooLarge(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 3) return false;
  if (error instanceof GraphQLError && error.extensions?.code === "REQUEST_ENTITY_TOO_LARGE") return true;
  return isBodyTooLarge(error instanceof GraphQLError ? error.originalError : error.cause, depth + 1);
}

export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length <= maxBytes) return;
      const body = tooLargeBody(`of ${length} bytes`, maxBytes);
      endResponse(new Response(JSON.stringify(body), { status: 413, headers: { "content-type": "application/json" } }));
    },
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!isBodyTooLarge(error)) throw error;
          const [coded] = tooLargeBody("still arriving", maxBytes).errors;
          throw new GraphQLError(coded!.message, { extensions: { ...coded!.extensions, http: { status: 413 } } });
        }
      });
    },
  };
}
