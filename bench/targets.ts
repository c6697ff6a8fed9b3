// The targets, per case, checked as ratios within one run (or the median of several):
// the machines are shared and noisy, ratios less so.
import type { BenchCase } from "./cases/types.ts";
import type { CaseResult, ServerResult } from "./measure.ts";

export interface Ratio {
  case: string;
  connections: number;
  /** Gateway req/s divided by the peer's. */
  gatewayVsPostgraphile: number | null;
  gatewayVsFloor: number | null;
}

export interface Target {
  case: string;
  target: string;
  met: boolean;
  detail: string;
}

export const TARGETS = { readVsPostgraphile: 1.5, writeVsPostgraphile: 1.0, q1VsFloor: 0.7, rssMb: 300 };

const round = (n: number) => Math.round(n * 100) / 100;
const find = (server: ServerResult | undefined, name: string) => server?.cases.find((c) => c.case === name);
const at = (result: CaseResult | undefined, connections: number) =>
  result?.load.find((l) => l.connections === connections);
const timedCost = (result: CaseResult) => result.cost["50"] ?? result.cost.all;

export function ratios(servers: ServerResult[]): Ratio[] {
  const byName = (name: string) => servers.find((s) => s.name === name);
  const gateway = byName("gateway");
  return (gateway?.cases ?? []).flatMap((result) =>
    result.load.map(({ connections, requestsPerSecond }) => {
      const versus = (peer: ServerResult | undefined) => {
        const other = at(find(peer, result.case), connections)?.requestsPerSecond;
        return other ? round(requestsPerSecond / other) : null;
      };
      return {
        case: result.case,
        connections,
        gatewayVsPostgraphile: versus(byName("postgraphile")),
        gatewayVsFloor: versus(byName("floor")),
      };
    }),
  );
}

function caseTargets(
  benchCase: BenchCase,
  gateway: CaseResult,
  postgraphile?: CaseResult,
  floor?: CaseResult,
): Target[] {
  const targets: Target[] = [];
  const add = (target: string, met: boolean, detail: string) =>
    targets.push({ case: benchCase.name, target, met, detail });
  const wanted = benchCase.kind === "read" ? TARGETS.readVsPostgraphile : TARGETS.writeVsPostgraphile;
  for (const g of gateway.load) {
    const p = at(postgraphile, g.connections);
    if (p) {
      const ratio = g.requestsPerSecond / p.requestsPerSecond;
      add(
        `c=${g.connections}: throughput ≥ ${wanted}× PostGraphile`,
        ratio >= wanted,
        `${round(ratio)}× (${g.requestsPerSecond} vs ${p.requestsPerSecond} req/s)`,
      );
      if (benchCase.kind === "read")
        add(
          `c=${g.connections}: p99 ≤ PostGraphile's`,
          g.latencyP99Ms <= p.latencyP99Ms,
          `${g.latencyP99Ms} vs ${p.latencyP99Ms} ms`,
        );
    }
    // Only Q1 is held to the floor (Q2 and node run there too, for the ratio column).
    const f = benchCase.name === "q1" ? at(floor, g.connections) : undefined;
    if (f) {
      const share = g.requestsPerSecond / f.requestsPerSecond;
      add(
        `c=${g.connections}: throughput ≥ ${TARGETS.q1VsFloor * 100}% of the floor`,
        share >= TARGETS.q1VsFloor,
        `${Math.round(share * 100)}%`,
      );
    }
  }
  if (benchCase.paged) {
    const [small, large] = [gateway.cost["5"]?.statements, gateway.cost["50"]?.statements];
    add("statements equal for pages of 5 and 50", small === large, `${small} vs ${large}`);
  }
  if (postgraphile) {
    const [ours, theirs] = [timedCost(gateway)?.statements, timedCost(postgraphile)?.statements];
    add(
      "statements ≤ PostGraphile's",
      ours !== undefined && theirs !== undefined && ours <= theirs,
      `${ours} vs ${theirs}`,
    );
  }
  return targets;
}

export function checkTargets(servers: ServerResult[], cases: BenchCase[]): Target[] {
  const byName = (name: string) => servers.find((s) => s.name === name);
  const gateway = byName("gateway");
  const targets: Target[] = [];
  for (const benchCase of cases) {
    const ours = find(gateway, benchCase.name);
    if (!ours) continue;
    targets.push(
      ...caseTargets(
        benchCase,
        ours,
        find(byName("postgraphile"), benchCase.name),
        find(byName("floor"), benchCase.name),
      ),
    );
  }
  if (gateway) {
    const { peakMb, maxUnderLoadMb } = gateway.rss;
    targets.push({
      case: "gateway",
      target: `RSS ≤ ${TARGETS.rssMb} MB under load`,
      met: maxUnderLoadMb <= TARGETS.rssMb,
      detail: `highest sample ${maxUnderLoadMb} MB (peak incl. start-up ${peakMb} MB)`,
    });
  }
  return targets;
}
