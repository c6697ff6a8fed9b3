// How long the gateway takes, and how much memory it needs, to answer queries that may return
// a growing number of objects (src/graphql/transforms/query-cost.ts): the measurement MAX_QUERY_NODES was
// chosen from (docs/RELIABILITY.md, "Limits"). Against a seeded PostgreSQL, one request at a time:
//   DATABASE_URL=postgresql://…/db npm run seed -- --scale 10
//   DATABASE_URL=postgresql://…/db npx tsx bench/query-budget.ts
process.env.MAX_QUERY_NODES = "100000000";
process.env.RESPONSE_CACHE = "false";
process.env.RATE_LIMIT_REQUESTS = "0";
process.env.STATEMENT_TIMEOUT = "0";
process.env.LOG_LEVEL = "silent";

const { createGateway } = await import("../src/app/gateway.ts");
const { mintToken } = await import("../src/pipeline/security/tokens.ts");
const { ALL_SCOPES } = await import("../src/graphql/scopes.ts");
const { db } = await import("../src/data/db.ts");

const gateway = createGateway();
const token = await mintToken({ scopes: ALL_SCOPES, subject: "budget", ttl: "1h" });

const ROW = "id label createdAt currentStatus { status category } cycleCounts { needed complete } workOrder { label }";

/** batches → queue → batches → …, `sizes` giving each level's page: the shape, with a row's fields. */
function nested(sizes: number[]): string {
  let selection = ROW;
  for (const size of sizes.slice(1).reverse()) {
    selection = `${ROW} queue { batches(first: ${size}) { edges { node { ${selection} } } } }`;
  }
  return `{ batches(first: ${sizes[0]}) { edges { node { ${selection} } } } }`;
}

/** `copies` aliases of 100 batches with `cycles` cycles each, with the fields a list row shows. */
function board(cycles: number, copies = 1): string {
  const one = `batches(first: 100) { edges { node {
    id label currentStatus { status } workOrder { label } queue { label }
    cycles(first: ${cycles}) { edges { node { id label position currentStatus { status category } } } } } } }`;
  return `{ ${Array.from({ length: copies }, (_, i) => `b${i}: ${one}`).join(" ")} }`;
}

async function send(query: string) {
  const started = performance.now();
  const response = await gateway.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { text, ms: performance.now() - started };
}

/** The median time of three runs, the body, and how far the first run raised the process's peak RSS. */
async function measure(name: string, query: string) {
  globalThis.gc?.();
  const before = process.resourceUsage().maxRSS * 1024;
  const runs = [await send(query)];
  const peak = process.resourceUsage().maxRSS * 1024;
  runs.push(await send(query), await send(query));
  const { text } = runs[0]!;
  const ms = runs.map((run) => run.ms).sort((a, b) => a - b)[1]!;
  const body = JSON.parse(text) as { errors?: unknown[]; extensions?: { cost?: { nodes: number } } };
  const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
  const columns = [
    name.padEnd(28),
    String(body.extensions?.cost?.nodes ?? "?").padStart(9),
    `${ms.toFixed(0).padStart(6)} ms`,
    `${mb(text.length).padStart(4)} MB body`,
    `+${mb(peak - before).padStart(4)} MB peak RSS (${mb(peak)})`,
    body.errors ? "errors!" : "",
  ];
  console.log(columns.join("  "));
}

await measure("warm-up", board(5));
console.log(`${"query".padEnd(28)}  ${"objects".padStart(9)}  time       body         growth of the peak RSS (peak)`);
for (const cycles of [10, 50, 100]) await measure(`100 batches × ${cycles} cycles`, board(cycles));
for (const copies of [2, 5]) await measure(`${copies} × 100 batches × 100 cycles`, board(100, copies));
for (const size of [10, 17, 22, 27, 30, 40, 50]) {
  await measure(`nested ${size}/${size}/${size}`, nested([size, size, size]));
}
await db.close();
