// GraphiQL as static files: the page is small and names its assets by content hash; each asset
// is served from this process (no CDN, so GraphiQL works offline) with a year-long immutable
// Cache-Control, gzip when accepted, and 304 to a revalidation (src/pipeline/graphiql/).
import { expect, test } from "vitest";
import { yoga } from "../../src/app/gateway.ts";

const fetchPath = (path: string, headers: Record<string, string> = {}) =>
  yoga.fetch(`http://gateway.test${path}`, { headers });

test("the page is under 100 kB, refers only to its own hashed assets, and is not cached", async () => {
  const response = await fetchPath("/graphql", { accept: "text/html" });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html.length).toBeLessThan(100_000);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const assets = [...html.matchAll(/"(\/graphiql\/[\w.-]+)"/g)].map((match) => match[1]!);
  expect(assets).toHaveLength(6); // favicon, stylesheet, 3 workers, bundle
  for (const path of assets) expect(path).toMatch(/\.[0-9a-f]{16}\.(js|css|ico)$/);
  expect(html).not.toMatch(/(src|href)="https?:/);
});

test("each asset is served with an immutable year-long Cache-Control, gzip when accepted, 304 when revalidated", async () => {
  const html = await (await fetchPath("/graphql", { accept: "text/html" })).text();
  const assets = [...html.matchAll(/"(\/graphiql\/[\w.-]+)"/g)].map((match) => match[1]!);
  expect(assets).toHaveLength(6);
  let total = 0;
  for (const path of assets) {
    const response = await fetchPath(path);
    expect(response.status, path).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    total += (await response.arrayBuffer()).byteLength;
    const again = await fetchPath(path, { "if-none-match": response.headers.get("etag")! });
    expect(again.status).toBe(304);
  }
  // The bundle the page once inlined (about 9 MB) now comes in these files.
  expect(total).toBeGreaterThan(5_000_000);
  const bundle = assets.find((path) => /\/graphiql\.[0-9a-f]+\.js$/.test(path))!;
  const gzipped = await fetchPath(bundle, { "accept-encoding": "gzip" });
  expect(gzipped.headers.get("content-encoding")).toBe("gzip");
  expect((await fetchPath("/graphiql/graphiql.0000000000000000.js")).status).toBe(404);
});
