// npm run bench:memory -- [--scale N] [--seconds N] [--connections N] [--variants 1,3]
// What the gateway's resident memory holds under the benchmark's load, and what changes it: the
// gateway is started once per variant (V8 flags, allocator settings) on a seeded throwaway
// database, driven with Q1 (bench/queries.ts), and reports its memory split the way V8 sees it
// (bench/memory-probe.mjs). Short by design (a few seconds per variant): figures for a decision,
// not a benchmark. The import-by-import cost at start-up is bench/memory-imports.ts.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { migrateAndSeed, startBenchDatabase } from "./database.ts";
import { drive, send } from "./load.ts";
import { REPO_ROOT, gatewayPeer, headersFor } from "./peers.ts";
import { freePort } from "../tools/ports.ts";
import { startServer } from "./servers.ts";
import { runScript } from "./script.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const { values: options } = parseArgs({
  options: {
    scale: { type: "string" },
    seconds: { type: "string" },
    connections: { type: "string" },
    variants: { type: "string" },
  },
});
const scale = Number(options.scale ?? 10);
const seconds = Number(options.seconds ?? 5);
const connections = Number(options.connections ?? 50);

const jwtSecret = benchEnvironment();

/** The settings compared: as shipped, then one change at a time. */
/** Node flags (on the command line: some are refused in NODE_OPTIONS) and environment, per variant. */
type Variant = [string, { flags?: string; env?: Record<string, string> }];
const ALL_VARIANTS: Variant[] = [
  // npm start's own flags come last on the command line: a variant's --max-semi-space-size is overridden by them.
  ["as shipped (npm start: --max-semi-space-size=8)", {}],
  ["--optimize-for-size", { flags: "--optimize-for-size" }],
  // The old generation's limit after each full GC, as live size × (1 + N/100): no hard cap.
  ["--heap-growing-percent=50", { flags: "--heap-growing-percent=50" }],
  ["--heap-growing-percent=100", { flags: "--heap-growing-percent=100" }],
  ["--heap-growing-percent=50 --max-semi-space-size=8", { flags: "--heap-growing-percent=50 --max-semi-space-size=8" }],
  ["MALLOC_ARENA_MAX=2", { env: { MALLOC_ARENA_MAX: "2" } }],
  // A hard cap on the old generation: V8 collects sooner, but a burst of large answers (30 MB
  // each at MAX_QUERY_NODES, docs/RELIABILITY.md) past it would end the process.
  ["--max-old-space-size=192", { flags: "--max-old-space-size=192" }],
];

/** `--variants 0,2` picks some by position (0 is always the baseline). */
const VARIANTS = options.variants
  ? ALL_VARIANTS.filter((_, i) => i === 0 || options.variants!.split(",").map(Number).includes(i))
  : ALL_VARIANTS;

const probe = join(REPO_ROOT, "bench", "memory-probe.mjs");

async function measure([name, { flags, env }]: Variant, databaseUrl: string, token: string) {
  const file = join(tmpdir(), `gateway-memory-${process.pid}.json`);
  const peer = gatewayPeer({
    databaseUrl,
    poolSize: 10,
    jwtSecret,
    token,
    gatewayNodeFlags: ["--import", probe, ...(flags ? flags.split(" ") : [])],
    gatewayEnv: { ...env, MEMORY_PROBE_FILE: file },
  });
  const server = await startServer(peer.spec, await freePort());
  try {
    const report = async () => {
      process.kill(server.pid, "SIGUSR2");
      // Written when the server's event loop gets to the signal: later under load.
      for (let waited = 0; !existsSync(file) && waited < 15_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const figures = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
      rmSync(file, { force: true });
      return figures;
    };
    const load = { url: `${server.url}/graphql`, headers: headersFor(peer, token), body: peer.dialect.q1(50, null) };
    await send(load);
    const afterFirstRequest = await report();
    const from = Date.now() - server.startedAt;
    const cpuBefore = server.cpuMs();
    const figures = await drive(load, connections, seconds);
    const cpuMsPerRequest = Math.round(((server.cpuMs() - cpuBefore) / Math.max(1, figures.requests)) * 100) / 100;
    const under = server.samples.filter((s) => s.at >= from).map((s) => s.rssKb / 1024);
    return {
      variant: name,
      reqPerS: figures.requestsPerSecond,
      cpuMsPerRequest,
      rssUnderLoadMaxMb: Math.round(Math.max(0, ...under)),
      peakMb: Math.round(server.peakRssKb() / 1024),
      afterFirstRequest,
      afterLoad: await report(),
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  const database = await startBenchDatabase(console.log);
  try {
    await migrateAndSeed(database.url, scale, () => {});
    const token = await benchToken("1h");
    for (const variant of VARIANTS) {
      const { afterFirstRequest: start, afterLoad: end, ...figures } = await measure(variant, database.url, token);
      const split = (r: Record<string, unknown>) =>
        `RSS ${r.rssMb} = heap ${r.heapTotalMb} (used ${r.heapUsedMb}) + outside ${r.outsideHeapMb}`;
      console.log(
        `${JSON.stringify(figures)}\n  after one request: ${split(start)}\n  after the load:    ${split(end)}`,
      );
    }
  } finally {
    database.cluster.stop();
  }
}

runScript(main);
