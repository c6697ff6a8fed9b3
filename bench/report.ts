// The results: a JSON file under bench/results/ with every run and their median, and the same
// as Markdown tables on the console. The run history lives in bench/results, not in the docs.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { SeedFigures } from "./database.ts";
import type { ServerResult } from "./measure.ts";
import { REPO_ROOT } from "./peers.ts";
import type { ProfileSummary } from "./profile.ts";
import type { Ratio, Target } from "./targets.ts";

export interface RunReport {
  servers: ServerResult[];
  ratios: Ratio[];
  targets: Target[];
}

export interface BenchResults {
  date: string;
  machine: { nproc: string; memory: string; cpu: string; node: string; postgres: string };
  command: string;
  settings: Record<string, unknown>;
  seed: SeedFigures;
  cases: { name: string; description: string; kind: string; servers: string[] }[];
  runs: RunReport[];
  /** Figure by figure over the runs (bench/median.ts); the targets are judged here. */
  median: RunReport;
  profile?: ProfileSummary;
}

export function machineFacts(postgresVersion: string): BenchResults["machine"] {
  const shell = (command: string) => execFileSync("sh", ["-c", command], { encoding: "utf8" }).trim();
  return {
    nproc: shell("nproc"),
    memory: shell('free -h | awk \'/^Mem:/ {print $2 " total, " $7 " available"}\''),
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    postgres: postgresVersion,
  };
}

const row = (cells: unknown[]) => `| ${cells.join(" | ")} |`;
const table = (head: string[], rows: unknown[][]) =>
  [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

/** One run (or the median) as tables: load, cost per request, RSS, targets. */
export function runTables(report: RunReport): string {
  const load = report.servers.flatMap((s) =>
    s.cases.flatMap((c) =>
      c.load.map((l) => [
        c.case,
        s.name,
        l.connections,
        l.requestsPerSecond,
        l.latencyP50Ms,
        l.latencyP99Ms,
        l.failures,
      ]),
    ),
  );
  load.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  const cost = report.servers.flatMap((s) => [
    ...s.cases.flatMap((c) =>
      Object.entries(c.cost).map(([page, r]) => [c.case, s.name, page, r.statements, r.sqlMs, r.serverCpuMs]),
    ),
    ...Object.entries(s.costOnly ?? {}).map(([name, r]) => [name, s.name, "", r.statements, r.sqlMs, r.serverCpuMs]),
  ]);
  cost.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return [
    table(["case", "server", "connections", "req/s", "p50 ms", "p99 ms", "failures"], load),
    "",
    table(
      ["case", "connections", "gateway ÷ PostGraphile", "gateway ÷ floor"],
      report.ratios.map((r) => [r.case, r.connections, r.gatewayVsPostgraphile ?? "–", r.gatewayVsFloor ?? "–"]),
    ),
    "",
    table(["case", "server", "page", "SQL statements", "SQL ms", "server CPU ms"], cost),
    "",
    table(
      ["server", "RSS peak MB (start-up included)", "RSS under load: mean / highest MB"],
      report.servers.map((s) => [s.name, s.rss.peakMb, `${s.rss.meanUnderLoadMb} / ${s.rss.maxUnderLoadMb}`]),
    ),
    "",
    table(
      ["case", "target", "met", "measured"],
      report.targets.map((t) => [t.case, t.target, t.met ? "yes" : "**no**", t.detail]),
    ),
  ].join("\n");
}

export function markdown(results: BenchResults): string {
  const { machine, seed, settings } = results;
  const lines = [
    `Run of ${results.date}: \`${results.command}\`; ${machine.nproc} cores (${machine.cpu}), ${machine.memory}, Node ${machine.node}, ${machine.postgres}.`,
    `Seed scale ${seed.scale} (${seed.rows.batch} batches, ${seed.rows.cycle} cycles), seeded in ${(seed.seedMs / 1000).toFixed(1)} s. ` +
      `${settings.seconds} s per case and connection count after ${settings.warmupSeconds} s of warm-up; pool ${settings.poolSize} per server; ` +
      `costs over ${settings.countRequests} sequential requests (pg_stat_statements; /proc/<pid>/stat).`,
    "",
    ...results.cases.map((c) => `- **${c.name}** (${c.kind}; ${c.servers.join(", ")}): ${c.description}`),
  ];
  results.runs.forEach((run, i) => {
    const met = run.targets.filter((t) => t.met).length;
    lines.push(
      "",
      `### Run ${i + 1} of ${results.runs.length} (${met} of ${run.targets.length} targets met)`,
      "",
      runTables(run),
    );
  });
  if (results.runs.length > 1) {
    const met = results.median.targets.filter((t) => t.met).length;
    lines.push(
      "",
      `### Median of the ${results.runs.length} runs (${met} of ${results.median.targets.length} targets met)`,
      "",
      runTables(results.median),
    );
  }
  if (results.profile) {
    const { profile } = results;
    lines.push(
      "",
      `Gateway CPU profile, Q1 at 10 connections for ${profile.seconds} s (${profile.requestsPerSecond} req/s under the profiler), share of the samples:`,
      "",
      table(
        ["package", "on the stack %", "self %"],
        profile.topPackages.map((p) => [p.name, p.inclusivePercent, p.selfPercent]),
      ),
      "",
      table(
        ["function", "self %"],
        profile.topFunctions.map((f) => [`\`${f.name}\``, f.selfPercent]),
      ),
    );
  }
  return lines.join("\n");
}

/** Writes bench/results/<date><suffix>.json. */
export function writeResults(results: BenchResults, suffix = ""): string {
  const dir = join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.date.replace(/:/g, "-")}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
