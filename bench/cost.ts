// npm run bench:cost -- [--database-url URL] [--scale N] [--requests N] [--seconds N] [--hold] [--profile]
// The gateway alone, for working on its speed: what Q1, its build-up, Q2 and Q3 cost per request
// (statements, SQL time, server CPU), then Q1 under load for a few seconds. Minutes faster than
// `npm run bench`; its figures are not compared with any peer.
//   --hold               start and seed a database, print its URL, and keep it up until Ctrl-C
//   --database-url URL   reuse such a database (migrated and seeded, pg_stat_statements loaded)
//   --profile            then profile Q1 at 10 connections (node --cpu-prof) and print where the CPU goes
import { parseArgs } from "node:util";
import pg from "pg";
import { databaseUrl } from "../tools/postgres.ts";
import { type BenchDatabase, BENCH_DB, migrateAndSeed, startBenchDatabase } from "./database.ts";
import { type LoadCase, costPerRequest, drive, send } from "./load.ts";
import { gatewayPeer } from "./peers.ts";
import { profileGateway } from "./profile.ts";
import { gatewayDialect, gatewayQ1BuildUp } from "./queries.ts";
import { freePort } from "../tools/ports.ts";
import { startServer } from "./servers.ts";
import { runScript } from "./script.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const { values: options } = parseArgs({
  options: {
    "database-url": { type: "string" },
    scale: { type: "string", default: "101" },
    requests: { type: "string", default: "40" },
    seconds: { type: "string", default: "5" },
    hold: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
  },
});

const jwtSecret = benchEnvironment();
const log = (line: string) => console.log(line);

/** Statement counters over an existing database (its admin URL is the same server's postgres db). */
function countersFor(url: string) {
  const admin = new pg.Pool({ connectionString: databaseUrl(url, "postgres"), max: 1 });
  const statsWhere = `dbid = (SELECT oid FROM pg_database WHERE datname = '${new URL(url).pathname.slice(1)}')`;
  return {
    reset: async () => void (await admin.query("SELECT pg_stat_statements_reset()")),
    read: async () => {
      const { rows } =
        await admin.query(`SELECT coalesce(sum(calls), 0)::float AS calls, coalesce(sum(total_exec_time), 0)::float AS "execMs"
        FROM pg_stat_statements WHERE ${statsWhere}`);
      return rows[0] as { calls: number; execMs: number };
    },
    close: () => admin.end(),
  };
}

async function measure(url: string) {
  const token = await benchToken("2h");
  const peer = gatewayPeer({ databaseUrl: url, poolSize: 10, jwtSecret, token });
  const server = await startServer(peer.spec, await freePort());
  const counter = countersFor(url);
  try {
    const load = (body: string): LoadCase => ({
      url: `${server.url}/graphql`,
      headers: { authorization: `Bearer ${token}` },
      body,
    });
    const count = Number(options.requests);
    let after: string | null = null;
    for (let walked = 0; walked < 10_000; walked += 100) {
      after = gatewayDialect.endCursor(await send(load(gatewayDialect.cursorsOnly(100, after))));
    }
    const cases: [string, string][] = [
      ["Q1 page of 50", gatewayDialect.q1(50, null)],
      ["Q1 page of 5", gatewayDialect.q1(5, null)],
      ["Q2", gatewayDialect.q1(50, after)],
      ["Q3", gatewayDialect.q3(peer.batchNodeId(1))],
      ...gatewayQ1BuildUp(),
    ];
    for (let i = 0; i < 20; i++) await send(load(cases[0]![1]));
    for (const [name, body] of cases) {
      const cost = await costPerRequest(load(body), count, counter, server.cpuMs);
      log(
        `${name.padEnd(60)} ${String(cost.statements).padStart(5)} statements ${String(cost.sqlMs).padStart(6)} ms SQL ${String(cost.serverCpuMs).padStart(7)} ms CPU`,
      );
    }
    const figures = await drive(load(cases[0]![1]), 10, Number(options.seconds));
    log(
      `Q1 at 10 connections for ${options.seconds} s: ${figures.requestsPerSecond} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms, ${figures.failures} failures`,
    );
  } finally {
    await server.stop();
    await counter.close();
  }
  if (options.profile) {
    const summary = await profileGateway(
      { databaseUrl: url, poolSize: 10, jwtSecret, token },
      10,
      Number(options.seconds),
    );
    log(`profile of Q1 at 10 connections (${summary.requestsPerSecond} req/s under --cpu-prof), self % / on-stack %:`);
    for (const p of summary.topPackages)
      log(`  ${p.name.padEnd(40)} ${String(p.selfPercent).padStart(5)} ${String(p.inclusivePercent).padStart(5)}`);
    for (const f of summary.topFunctions) log(`  ${String(f.selfPercent).padStart(5)}  ${f.name}`);
  }
}

async function main() {
  if (options["database-url"]) return measure(options["database-url"]);
  const database: BenchDatabase = await startBenchDatabase(log);
  try {
    const seed = await migrateAndSeed(database.url, Number(options.scale), log);
    log(`seeded ${seed.rows.batch} batches in ${seed.seedMs} ms; database ${database.url} (${BENCH_DB})`);
    if (options.hold) {
      log("holding the database; Ctrl-C to stop");
      await new Promise((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
    } else {
      await measure(database.url);
    }
  } finally {
    database.cluster.stop();
  }
}

runScript(main);
