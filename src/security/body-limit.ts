// Refuses request bodies above MAX_BODY_BYTES (by Content-Length) before they are read.
import type { Plugin } from "graphql-yoga";

export function bodyLimitPlugin(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get("content-length") ?? 0);
      if (length <= maxBytes) return;
      const body = { errors: [{ message: `Request body of ${length} bytes exceeds the limit of ${maxBytes}`, extensions: { code: "LIMIT_EXCEEDED" } }] };
      endResponse(new Response(JSON.stringify(body), { status: 413, headers: { "content-type": "application/json" } }));
    },
  };
}
