// GraphiQL's bundle served as static files instead of inlined into every page (9 MB a load):
// the page (page.ts) is a few kB and names each asset by the hash of its content, so a browser
// (or a CDN) fetches each once and keeps it for a year; a new release of the bundle gets new
// names. No CDN is involved: the files come from @graphql-yoga/render-graphiql in node_modules,
// so GraphiQL works offline. Compressed once with gzip for clients that accept it. A hand-written
// handler rather than a static-file library: the assets are strings in a module, not files. That
// module is imported on the first GraphiQL request only: it costs a process about 70 MB of RSS
// (test/static/lazy-imports.test.ts).
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Plugin } from "graphql-yoga";

/** Where the assets are served; the page refers to them by these paths. */
export const ASSET_PREFIX = "/graphiql/";

export interface Asset {
  path: string;
  contentType: string;
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  /** Compressed on first request with gzip. */
  gzipped?: Uint8Array<ArrayBuffer>;
}

function asset(name: string, extension: string, contentType: string, content: Buffer): Asset {
  const body = new Uint8Array(content);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  return { path: `${ASSET_PREFIX}${name}.${hash}.${extension}`, contentType, body, etag: `"${hash}"` };
}

const JS = "text/javascript; charset=utf-8";

type Bundle = typeof import("@graphql-yoga/render-graphiql/graphiql");

function buildAssets(bundle: Bundle) {
  const favicon = /^data:([^;]+);base64,(.*)$/s.exec(bundle.favicon);
  return {
    css: asset("graphiql", "css", "text/css; charset=utf-8", Buffer.from(bundle.css)),
    js: asset("graphiql", "js", JS, Buffer.from(bundle.js)),
    editorWorkerService: asset("editor.worker", "js", JS, Buffer.from(bundle.editorWorkerService)),
    json: asset("json.worker", "js", JS, Buffer.from(bundle.jsonWorker)),
    graphql: asset("graphql.worker", "js", JS, Buffer.from(bundle.graphqlWorker)),
    favicon: asset("favicon", "ico", favicon?.[1] ?? "image/x-icon", Buffer.from(favicon?.[2] ?? "", "base64")),
  };
}

type Assets = ReturnType<typeof buildAssets>;
let loading: Promise<{ assets: Assets; byPath: Map<string, Asset> }> | undefined;

/** The assets, loaded and hashed on first use (not at start-up: most processes never serve GraphiQL). */
export function graphiqlAssets() {
  loading ??= import("@graphql-yoga/render-graphiql/graphiql").then((bundle) => {
    const assets = buildAssets(bundle);
    return { assets, byPath: new Map(Object.values(assets).map((entry) => [entry.path, entry])) };
  });
  return loading;
}

/** Cached for a year and never revalidated: a changed file has another name. */
const IMMUTABLE = "public, max-age=31536000, immutable";

function respond(entry: Asset, request: Request): Response {
  const headers: Record<string, string> = {
    "content-type": entry.contentType,
    "cache-control": IMMUTABLE,
    etag: entry.etag,
    vary: "Accept-Encoding",
  };
  if (request.headers.get("if-none-match") === entry.etag) return new Response(null, { status: 304, headers });
  if (/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) {
    entry.gzipped ??= new Uint8Array(gzipSync(entry.body));
    return new Response(entry.gzipped, { headers: { ...headers, "content-encoding": "gzip" } });
  }
  return new Response(entry.body, { headers });
}

/** Answers GET /graphiql/<asset> before any GraphQL handling (no token needed: the files are public). */
export function graphiqlAssetsPlugin(): Plugin {
  return {
    async onRequest({ url, request, endResponse }) {
      if (!url.pathname.startsWith(ASSET_PREFIX)) return;
      const entry = (await graphiqlAssets()).byPath.get(url.pathname);
      if (!entry || (request.method !== "GET" && request.method !== "HEAD")) {
        endResponse(new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } }));
        return;
      }
      endResponse(respond(entry, request));
    },
  };
}
