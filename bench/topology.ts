// npm run bench:topology -- [--quick] [--scale N] [--seconds N]
// The gateway's Q1 (a page of 50 batches with what a list row shows, docs/PERFORMANCE.md) in four
// deployments on one machine and one database: one process on the primary (the baseline), two
// processes (WEB_CONCURRENCY=2, with Redis), one process through PgBouncer in transaction mode,
// and one process reading from a streaming replica. Writes bench/results/<date>-topology.json and,
// unless --quick, the "Topology" section of docs/PERFORMANCE.md.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { databaseUrl, hasPgBouncer } from "../tools/postgres.ts";
import { freePort } from "../tools/ports.ts";
import { BENCH_DB, migrateAndSeed, startBenchDatabase } from "./database.ts";
import { runEntry } from "./entry.ts";
import { type LoadFigures, drive, send } from "./load.ts";
import { REPO_ROOT, gatewayPeer } from "./peers.ts";
import { gatewayDialect } from "./queries.ts";
import { machineFacts } from "./report.ts";
import { startServer } from "./servers.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const { values: options } = parseArgs({
  options: { quick: { type: "boolean", default: false }, scale: { type: "string" }, seconds: { type: "string" } },
});
const quick = options.quick;
const scale = Number(options.scale ?? (quick ? 2 : 101));
const seconds = Number(options.seconds ?? (quick ? 2 : 15));
const CONNECTIONS = [10, 50];
const POOL_SIZE = 10;
const START = "<!-- bench:topology:start -->";
const END = "<!-- bench:topology:end -->";

const jwtSecret = benchEnvironment({ DB_POOL_SIZE: String(POOL_SIZE) });
const began = Date.now();
const log = (line: string) =>
  console.log(`[bench:topology ${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}`);

interface Deployment {
  name: string;
  env: Record<string, string>;
}

interface DeploymentResult {
  name: string;
  cases: (LoadFigures & { machineCpuBusyPercent: number })[];
}

/** The machine's CPU time so far (all cores, from /proc/stat): busy and total jiffies. */
function cpuTimes(): { busy: number; total: number } {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const values = fields.map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = values[3]! + (values[4] ?? 0); // idle + iowait
  return { busy: total - idle, total };
}

function startRedis(port: number): ChildProcess | undefined {
  try {
    execFileSync("sh", ["-c", "command -v redis-server"]);
  } catch {
    return undefined;
  }
  return spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
}

async function measure(deployment: Deployment, settings: Parameters<typeof gatewayPeer>[0]): Promise<DeploymentResult> {
  const spec = gatewayPeer(settings).spec;
  const server = await startServer(
    { ...spec, name: deployment.name, env: { ...spec.env, ...deployment.env } },
    await freePort(),
  );
  try {
    const load = {
      url: `${server.url}/graphql`,
      headers: { authorization: `Bearer ${settings.token}` },
      body: gatewayDialect.q1(50, null),
    };
    await send(load); // a wrong answer stops the run before anything is timed
    await drive(load, CONNECTIONS.at(-1)!, quick ? 1 : 5); // warm-up: compiled documents, pools filled
    const cases: DeploymentResult["cases"] = [];
    for (const connections of CONNECTIONS) {
      await server.idle();
      // How busy the whole machine is (gateway, PostgreSQL, load generator): a process more
      // cannot add throughput when the cores are already busy.
      const before = cpuTimes();
      const figures = await drive(load, connections, seconds);
      const after = cpuTimes();
      const busy = (100 * (after.busy - before.busy)) / Math.max(1, after.total - before.total);
      cases.push({ ...figures, machineCpuBusyPercent: Math.round(busy) });
      log(`${deployment.name}, ${connections} connections: ${cases.at(-1)!.requestsPerSecond} req/s`);
    }
    return { name: deployment.name, cases };
  } finally {
    await server.stop();
  }
}

function markdown(results: DeploymentResult[], machine: object): string {
  const baseline = results[0]!;
  const rows = results.flatMap((result) =>
    result.cases.map((figures, i) => {
      const ratio = figures.requestsPerSecond / baseline.cases[i]!.requestsPerSecond;
      const cells = [
        result.name,
        figures.connections,
        figures.requestsPerSecond,
        `${ratio.toFixed(2)}×`,
        figures.latencyP50Ms,
        figures.latencyP99Ms,
        figures.failures,
        figures.machineCpuBusyPercent,
      ];
      return `| ${cells.join(" | ")} |`;
    }),
  );
  return [
    `Q1 (page of 50), ${seconds} s per case, scale ${scale}, pool ${POOL_SIZE} per process; ${JSON.stringify(machine)}`,
    "",
    "| deployment | connections | req/s | vs 1 process on the primary | p50 ms | p99 ms | failures | machine CPU busy % |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

async function main() {
  const database = await startBenchDatabase(log);
  const redisPort = await freePort();
  const redis = startRedis(redisPort);
  try {
    const seed = await migrateAndSeed(database.url, scale, log);
    log(`seeded ${seed.rows.batch} batches; starting the replica and PgBouncer`);
    const replica = await database.cluster.startReplica();
    const token = await benchToken("2h");
    const settings = { databaseUrl: database.url, poolSize: POOL_SIZE, jwtSecret, token };
    const deployments: Deployment[] = [{ name: "1 process, primary", env: {} }];
    if (redis)
      deployments.push({
        name: "2 processes, primary",
        env: { WEB_CONCURRENCY: "2", REDIS_URL: `redis://127.0.0.1:${redisPort}` },
      });
    else log("redis-server is not installed: the 2-process case is skipped");
    if (hasPgBouncer()) {
      const bouncer = await database.cluster.startPgBouncer(POOL_SIZE);
      deployments.push({
        name: "1 process, PgBouncer",
        env: { DATABASE_URL: databaseUrl(bouncer.adminUrl, BENCH_DB), DATABASE_TRANSACTION_POOLING: "true" },
      });
    } else log("PgBouncer is not installed: its case is skipped");
    deployments.push({
      name: "1 process, replica",
      env: { DATABASE_REPLICA_URLS: databaseUrl(replica.adminUrl, BENCH_DB) },
    });
    const results: DeploymentResult[] = [];
    for (const deployment of deployments) results.push(await measure(deployment, settings));
    const machine = machineFacts(await database.serverVersion());
    const date = `${new Date().toISOString().slice(0, 19)}Z`;
    const dir = join(REPO_ROOT, "bench", "results");
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${date.replace(/:/g, "-")}-topology${quick ? "-quick" : ""}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ date, machine, scale, seconds, poolSize: POOL_SIZE, results }, null, 2)}\n`,
    );
    const text = markdown(results, machine);
    const docs = join(REPO_ROOT, "docs", "PERFORMANCE.md");
    if (!quick && existsSync(docs)) {
      const current = readFileSync(docs, "utf8");
      const [start, end] = [current.indexOf(START), current.indexOf(END)];
      const section = `${START}\n${text}\n${END}`;
      writeFileSync(
        docs,
        start >= 0 && end > start
          ? current.slice(0, start) + section + current.slice(end + END.length)
          : `${current}\n${section}\n`,
      );
    }
    console.log(`\n${text}\n\nresults: ${file}`);
  } finally {
    redis?.kill("SIGKILL");
    database.cluster.stop();
  }
}
runEntry(main);
