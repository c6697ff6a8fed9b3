// The results: a JSON file under bench/results/ and the tables in docs/PERFORMANCE.md, written
// between markers so the prose around them stays as written.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { SeedFigures } from "./database.ts";
import type { PeerResult } from "./measure.ts";
import { REPO_ROOT } from "./peers.ts";
import type { ProfileSummary } from "./profile.ts";
import type { Ratio, Target } from "./targets.ts";

export interface BenchResults {
  date: string;
  machine: { nproc: string; memory: string; cpu: string; node: string; postgres: string };
  command: string;
  settings: Record<string, unknown>;
  seed: SeedFigures;
  peers: Omit<PeerResult, "q1" | "q2">[];
  ratios: Ratio[];
  targets: Target[];
  profile?: ProfileSummary;
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

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

export function markdown(results: BenchResults): string {
  const { machine, seed, settings } = results;
  const lines = [
    `Run of ${results.date}: \`${results.command}\`; ${machine.nproc} cores (${machine.cpu}), ${machine.memory}, Node ${machine.node}, ${machine.postgres}.`,
    `Seed scale ${seed.scale} (${seed.rows.batch} batches, ${seed.rows.cycle} cycles) seeded in ${(seed.seedMs / 1000).toFixed(1)} s (migrations ${(seed.migrateMs / 1000).toFixed(1)} s), then vacuumed and analyzed (${((seed.vacuumMs ?? 0) / 1000).toFixed(1)} s). ` +
      `${settings.seconds} s per case after warm-up; pool ${settings.poolSize} connections per server; Q2 starts ${settings.depth} batches deep; ` +
      `costs per request measured over ${settings.countRequests} sequential requests (pg_stat_statements; /proc/<pid>/stat).`,
    "",
    table(
      ["server", "case", "connections", "req/s", "p50 ms", "p99 ms", "failures"],
      results.peers.flatMap((p) =>
        p.cases.map((c) => [
          p.name,
          c.case,
          c.connections,
          c.requestsPerSecond,
          c.latencyP50Ms,
          c.latencyP99Ms,
          c.failures,
        ]),
      ),
    ),
    "",
    table(
      ["case", "connections", "gateway / PostGraphile", "gateway / floor"],
      results.ratios.map((r) => [r.case, r.connections, r.gatewayVsPostgraphile ?? "–", r.gatewayVsFloor ?? "–"]),
    ),
    "",
    table(
      ["server", "request", "SQL statements", "SQL execution ms", "server CPU ms"],
      results.peers.flatMap((p) =>
        Object.entries(p.perRequest).map(([name, r]) => [p.name, name, r.statements, r.sqlMs, r.serverCpuMs]),
      ),
    ),
    "",
    table(
      ["server", "peak RSS MB", "RSS first / last 5 s MB", "RSS under Q1 at the most connections, start / end MB"],
      results.peers.map((p) => [
        p.name,
        p.rss.peakMb,
        `${p.rss.first5sMb} / ${p.rss.last5sMb}`,
        `${p.rss.q1AtStartMb} / ${p.rss.q1AtEndMb}`,
      ]),
    ),
    "",
    table(
      ["target", "met", "measured"],
      results.targets.map((t) => [t.target, t.met ? "yes" : "**no**", t.detail]),
    ),
  ];
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

/** Writes bench/results/<date>.json and replaces the results section of docs/PERFORMANCE.md. */
export function writeResults(results: BenchResults, updateDocs: boolean, suffix = ""): string {
  const dir = join(REPO_ROOT, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${results.date.replace(/:/g, "-")}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const docs = join(REPO_ROOT, "docs", "PERFORMANCE.md");
  if (updateDocs && existsSync(docs)) {
    const text = readFileSync(docs, "utf8");
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    const section = `${START}\n${markdown(results)}\n${END}`;
    writeFileSync(
      docs,
      start >= 0 && end > start
        ? text.slice(0, start) + section + text.slice(end + END.length)
        : `${text}\n${section}\n`,
    );
  }
  return file;
}
