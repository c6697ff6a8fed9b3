// npm run bench -- [--quick] [--scale N] [--seconds N] [--skip-profile] [--skip-docs]
// Seeds a throwaway PostgreSQL, then measures PostGraphile, the floor and the gateway one after
// another on it (see docs/PERFORMANCE.md), and writes bench/results/<date>.json.
import { randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { adminQuery } from "../tools/postgres.ts";
import { migrateAndSeed, startBenchDatabase } from "./database.ts";
import { type PeerResult, type Plan, measurePeer } from "./measure.ts";
import { REPO_ROOT, ensurePostgraphileInstalled, floorPeer, gatewayPeer, postgraphilePeer } from "./peers.ts";
import { profileGatewayQ1 } from "./profile.ts";
import { gatewayQ1BuildUp } from "./queries.ts";
import { type BenchResults, machineFacts, markdown, writeResults } from "./report.ts";
import { checkTargets, ratios } from "./targets.ts";

const { values: options } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    scale: { type: "string" },
    seconds: { type: "string" },
    "skip-profile": { type: "boolean", default: false },
    "skip-docs": { type: "boolean", default: false },
  },
});
const quick = options.quick;
// Scale 101: 10,100 batches, so the page 10,000 deep (Q2) is a full page of 50.
const scale = Number(options.scale ?? (quick ? 10 : 101));
const seconds = Number(options.seconds ?? (quick ? 3 : 15));
const CONNECTIONS = [10, 50];
const POOL_SIZE = 10;
const CATEGORIES = ["PENDING", "IN_PROGRESS", "VERIFYING", "COMPLETE", "BLOCKED", "CANCELLED"];

// src/config/env.ts reads the environment once, at first import: settle it before anything imports it.
const jwtSecret = randomBytes(32).toString("base64url");
Object.assign(process.env, {
  JWT_SECRET: jwtSecret,
  DB_POOL_SIZE: String(POOL_SIZE),
  LOG_LEVEL: "warn",
  TRACE_SQL: "false",
});

const began = Date.now();
const log = (line: string) => console.log(`[bench ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** Q4: a random cycle moved to a random category, as a frontend's status buttons would. */
function cycleStatusMutation(cycles: number): () => string {
  const query = `mutation BenchCycleStatus($input: UpdateCycleStatusInput!) {
    updateCycleStatus(input: $input) { cycle { id currentStatus { status category } } processStatus { id status } } }`;
  return () => {
    const id = Buffer.from(`Cycle:${randomInt(1, cycles + 1)}`).toString("base64");
    const category = CATEGORIES[randomInt(CATEGORIES.length)];
    return JSON.stringify({ operationName: "BenchCycleStatus", query, variables: { input: { id, category } } });
  };
}

async function main() {
  ensurePostgraphileInstalled(log);
  log(`starting PostgreSQL; seeding scale ${scale}`);
  const database = await startBenchDatabase(log);
  try {
    const seed = await migrateAndSeed(database.url, scale, log);
    log(`seeded ${seed.rows.batch} batches, ${seed.rows.cycle} cycles in ${seed.seedMs} ms`);
    // PostGraphile's equivalent of Batch.cycleCounts: a computed column (see the file).
    await adminQuery(database.url, readFileSync(join(REPO_ROOT, "bench", "postgraphile", "cycle-counts.sql"), "utf8"));
    const { mintToken } = await import("../src/pipeline/security/tokens.ts");
    const { ALL_SCOPES } = await import("../src/graphql/scopes.ts");
    const token = await mintToken({ scopes: ALL_SCOPES, subject: "bench", ttl: "2h" });
    const settings = { databaseUrl: database.url, poolSize: POOL_SIZE, jwtSecret, token };
    const batches = seed.rows.batch;
    const plan: Plan = {
      seconds,
      warmupSeconds: quick ? 1 : 5,
      connections: CONNECTIONS,
      depth: Math.min(10_000, Math.floor((batches - 50) / 100) * 100),
      nodeBatchId: Math.ceil(batches / 2),
      countRequests: quick ? 10 : 40,
    };
    const counter = { reset: database.resetStatements, read: database.statementsSinceReset };
    const peers: PeerResult[] = [];
    // The gateway last: its Q4 writes change the counts the others' answers are checked against.
    for (const peer of [postgraphilePeer(settings), floorPeer(settings), gatewayPeer(settings)]) {
      log(`${peer.name}: starting`);
      const gateway = peer.name === "gateway";
      const extras = gateway ? { mutation: cycleStatusMutation(seed.rows.cycle), costOnly: gatewayQ1BuildUp() } : {};
      peers.push(await measurePeer(peer, token, { ...plan, ...extras, expected: peers[0] }, counter, log));
    }
    const profile = options["skip-profile"] ? undefined : await profileGatewayQ1(settings, CONNECTIONS[0]!, seconds);
    const results: BenchResults = {
      date: `${new Date().toISOString().slice(0, 19)}Z`,
      machine: machineFacts(await database.serverVersion()),
      command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      settings: {
        ...plan,
        seconds,
        poolSize: POOL_SIZE,
        postgraphile: "5 (library mode, PostGraphileAmberPreset, grafserv/node)",
      },
      seed,
      peers: peers.map(({ q1: _q1, q2: _q2, ...rest }) => rest),
      ratios: ratios(peers),
      targets: checkTargets(peers, CONNECTIONS),
      profile,
    };
    // Smoke runs are kept apart (and out of git): their figures say nothing about the targets.
    const file = writeResults(results, !options["skip-docs"] && !quick, quick ? "-quick" : "");
    console.log(`\n${markdown(results)}\n\nresults: ${file}; whole run ${Math.round((Date.now() - began) / 1000)} s`);
  } finally {
    database.cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
