// npm run bench -- [--quick] [--cases q1,letters] [--runs 3] [--scale N] [--seconds N] [--skip-profile]
// Seeds a throwaway PostgreSQL, then runs the suite (bench/cases) on PostGraphile, the floor and
// the gateway, one server after another on that database (see docs/PERFORMANCE.md), `--runs`
// times, and writes every run and their median to bench/results/<date>.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { adminQuery } from "../tools/postgres.ts";
import { selectCases } from "./cases/index.ts";
import type { BenchCase, ServerName } from "./cases/types.ts";
import { migrateAndSeed, startBenchDatabase } from "./database.ts";
import { medianRun } from "./median.ts";
import { type Plan, type Reference, type ServerResult, measureServer } from "./measure.ts";
import {
  type Peer,
  type PeerSettings,
  REPO_ROOT,
  ensurePostgraphileInstalled,
  floorPeer,
  gatewayPeer,
  postgraphilePeer,
} from "./peers.ts";
import { profileGateway } from "./profile.ts";
import { gatewayQ1BuildUp } from "./queries.ts";
import { type BenchResults, type RunReport, machineFacts, markdown, writeResults } from "./report.ts";
import { checkTargets, ratios } from "./targets.ts";
import { runScript } from "./script.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const { values: options } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    cases: { type: "string" },
    runs: { type: "string" },
    scale: { type: "string" },
    seconds: { type: "string" },
    "skip-profile": { type: "boolean", default: false },
  },
});
const quick = options.quick;
// Scale 101: 10,100 batches, so the page 10,000 deep (Q2) is a full page of 50.
const scale = Number(options.scale ?? (quick ? 10 : 101));
const seconds = Number(options.seconds ?? (quick ? 2 : 10));
const runs = Math.max(1, Number(options.runs ?? 1));
const cases = selectCases(options.cases);
const CONNECTIONS = [10, 50];
const POOL_SIZE = 10;
// Servers in this order: PostGraphile's answers are the reference the others must equal.
const ORDER: ServerName[] = ["postgraphile", "floor", "gateway"];

// src/config/env.ts reads the environment once, at first import: settle it before anything imports it.
const jwtSecret = benchEnvironment({ DB_POOL_SIZE: String(POOL_SIZE) });

const began = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function peerOf(name: ServerName, settings: PeerSettings): Peer {
  return name === "gateway"
    ? gatewayPeer(settings)
    : name === "postgraphile"
      ? postgraphilePeer(settings)
      : floorPeer(settings);
}

/** A server's two sessions (reads, then writes) as one result. */
function merge(reads: ServerResult | undefined, writes: ServerResult | undefined): ServerResult {
  if (!reads || !writes) return (reads ?? writes)!;
  const rss = {
    peakMb: Math.max(reads.rss.peakMb, writes.rss.peakMb),
    meanUnderLoadMb: reads.rss.meanUnderLoadMb,
    maxUnderLoadMb: Math.max(reads.rss.maxUnderLoadMb, writes.rss.maxUnderLoadMb),
  };
  return { ...reads, cases: [...reads.cases, ...writes.cases], rss };
}

/**
 * One run: every server answers the reads, then every server the writes, so each server's reads
 * meet the same data (the writes change statuses and labels the reads compare).
 */
async function oneRun(
  settings: PeerSettings,
  plan: Plan,
  counter: Parameters<typeof measureServer>[4],
): Promise<RunReport> {
  const reference: Reference = new Map();
  const sessions = new Map<ServerName, { reads?: ServerResult; writes?: ServerResult }>();
  for (const kind of ["read", "write"] as const) {
    const ofKind = cases.filter((c) => c.kind === kind);
    for (const name of ORDER) {
      if (!ofKind.some((c) => c.servers.includes(name))) continue;
      log(`${name}: ${kind}s`);
      const result = await measureServer(peerOf(name, settings), ofKind, settings.token, plan, counter, reference, log);
      sessions.set(name, { ...sessions.get(name), [kind === "read" ? "reads" : "writes"]: result });
    }
  }
  const servers = ORDER.filter((name) => sessions.has(name)).map((name) =>
    merge(sessions.get(name)!.reads, sessions.get(name)!.writes),
  );
  return { servers, ratios: ratios(servers), targets: checkTargets(servers, cases) };
}

async function main() {
  ensurePostgraphileInstalled(log);
  log(`cases: ${cases.map((c) => c.name).join(", ")}; ${runs} run(s); starting PostgreSQL; seeding scale ${scale}`);
  const database = await startBenchDatabase(log);
  try {
    const seed = await migrateAndSeed(database.url, scale, log);
    log(`seeded ${seed.rows.batch} batches, ${seed.rows.cycle} cycles in ${seed.seedMs} ms`);
    // PostGraphile's equivalent of Batch.cycleCounts: a computed column (see the file).
    await adminQuery(database.url, readFileSync(join(REPO_ROOT, "bench", "postgraphile", "cycle-counts.sql"), "utf8"));
    const token = await benchToken("12h");
    const settings: PeerSettings = { databaseUrl: database.url, poolSize: POOL_SIZE, jwtSecret, token };
    const plan: Plan = {
      seconds,
      warmupSeconds: quick ? 1 : 3,
      connections: CONNECTIONS,
      countRequests: quick ? 10 : 40,
      rows: seed.rows,
      costOnly: quick ? [] : gatewayQ1BuildUp(),
    };
    const counter = { reset: database.resetStatements, read: database.statementsSinceReset };
    const reports: RunReport[] = [];
    for (let run = 1; run <= runs; run++) {
      log(`run ${run} of ${runs}`);
      reports.push(await oneRun(settings, plan, counter));
    }
    const servers = medianRun(reports.map((r) => r.servers));
    const median: RunReport = { servers, ratios: ratios(servers), targets: checkTargets(servers, cases) };
    const profile =
      options["skip-profile"] || quick || !cases.some((c) => c.name === "q1")
        ? undefined
        : await profileGateway(settings, CONNECTIONS[0]!, seconds);
    const results: BenchResults = {
      date: `${new Date().toISOString().slice(0, 19)}Z`,
      machine: machineFacts(await database.serverVersion()),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      settings: {
        ...plan,
        costOnly: undefined,
        rows: undefined,
        poolSize: POOL_SIZE,
        runs,
        postgraphile: postgraphileVersions(),
      },
      seed,
      cases: cases.map(({ name, description, kind, servers }: BenchCase) => ({ name, description, kind, servers })),
      runs: reports,
      median,
      profile,
    };
    // Smoke runs are kept apart (and out of git): their figures say nothing about the targets.
    const file = writeResults(results, quick ? "-quick" : "");
    console.log(`\n${markdown(results)}\n\nresults: ${file}; whole run ${Math.round((Date.now() - began) / 1000)} s`);
  } finally {
    database.cluster.stop();
  }
}

/** PostGraphile and the plugins the filter and aggregate cases use, as installed in bench/postgraphile. */
function postgraphileVersions(): string {
  const version = (name: string) =>
    (
      JSON.parse(
        readFileSync(join(REPO_ROOT, "bench", "postgraphile", "node_modules", name, "package.json"), "utf8"),
      ) as { version: string }
    ).version;
  const names = ["postgraphile", "postgraphile-plugin-connection-filter", "@graphile/pg-aggregates"];
  return `${names.map((name) => `${name} ${version(name)}`).join(", ")} (library mode, PostGraphileAmberPreset, grafserv/node)`;
}

runScript(main);
