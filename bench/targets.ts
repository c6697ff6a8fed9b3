// The targets, checked as ratios within one run (the machines are noisy; ratios less so).
import type { CaseName, PeerResult } from "./measure.ts";

export interface Ratio {
  case: CaseName;
  connections: number;
  /** Gateway req/s divided by the peer's. */
  gatewayVsPostgraphile: number | null;
  gatewayVsFloor: number | null;
}

export interface Target {
  target: string;
  met: boolean;
  detail: string;
}

/** Growth of the mean RSS between the first and last 5 s of load still counted as noise. */
const RSS_NOISE = 0.1;

const round = (n: number) => Math.round(n * 100) / 100;

function figures(peer: PeerResult | undefined, name: CaseName, connections: number) {
  return peer?.cases.find((c) => c.case === name && c.connections === connections);
}

export function ratios(peers: PeerResult[]): Ratio[] {
  const [gateway, postgraphile, floor] = ["gateway", "postgraphile", "floor"].map((name) =>
    peers.find((p) => p.name === name),
  );
  return (gateway?.cases ?? []).map(({ case: name, connections, requestsPerSecond }) => {
    const versus = (peer: PeerResult | undefined) => {
      const other = figures(peer, name, connections)?.requestsPerSecond;
      return other ? round(requestsPerSecond / other) : null;
    };
    return { case: name, connections, gatewayVsPostgraphile: versus(postgraphile), gatewayVsFloor: versus(floor) };
  });
}

type Figures = NonNullable<ReturnType<typeof figures>>;

function q1Targets(c: number, g1: Figures, p1: Figures | undefined, f1: Figures | undefined): Target[] {
  const targets: Target[] = [];
  if (p1) {
    const ratio = g1.requestsPerSecond / p1.requestsPerSecond;
    targets.push({
      target: `Q1 c=${c}: throughput ≥ 1.5× PostGraphile`,
      met: ratio >= 1.5,
      detail: `${round(ratio)}×`,
    });
    targets.push({
      target: `Q1 c=${c}: p99 ≤ PostGraphile's`,
      met: g1.latencyP99Ms <= p1.latencyP99Ms,
      detail: `${g1.latencyP99Ms} ms vs ${p1.latencyP99Ms} ms`,
    });
  }
  if (f1) {
    const share = g1.requestsPerSecond / f1.requestsPerSecond;
    targets.push({
      target: `Q1 c=${c}: throughput ≥ 50% of the floor`,
      met: share >= 0.5,
      detail: `${Math.round(share * 100)}%`,
    });
  }
  return targets;
}

function q2Target(c: number, g1: Figures, g2: Figures): Target {
  const target = `Q2 c=${c}: p50 latency within 1.2× of Q1's`;
  // A case without a single answer in its run (a smoke run on a busy machine) proves nothing.
  if (!g1.requests || !g2.requests) return { target, met: false, detail: "no answers within the timed run" };
  const slower = g2.latencyP50Ms / g1.latencyP50Ms;
  const detail = `${g2.latencyP50Ms} ms vs ${g1.latencyP50Ms} ms (${round(slower)}×); p99 ${g2.latencyP99Ms} vs ${g1.latencyP99Ms} ms`;
  return { target, met: slower <= 1.2, detail };
}

/** Latency under load moves with everything else on a shared machine; what one request costs does not. */
function q2CostTarget(gateway: PeerResult): Target {
  const q1 = gateway.perRequest["Q1 page of 50"];
  const q2 = gateway.perRequest.Q2;
  const cost = (r: typeof q1) => (r ? r.serverCpuMs + r.sqlMs : NaN);
  const ratio = cost(q2) / cost(q1);
  return {
    target: "Q2 cost per request (server CPU + SQL execution) within 1.2× of Q1's",
    met: ratio <= 1.2,
    detail: `${round(cost(q2))} ms vs ${round(cost(q1))} ms (${round(ratio)}×)`,
  };
}

function rssTarget(peer: PeerResult): Target {
  // Compared under the same load (Q1 at the most connections), since memory follows the load.
  const { q1AtStartMb, q1AtEndMb, first5sMb, last5sMb } = peer.rss;
  return {
    target: `${peer.name}: RSS flat across the run (≤ ${RSS_NOISE * 100}% growth under the same load)`,
    met: q1AtEndMb <= q1AtStartMb * (1 + RSS_NOISE),
    detail: `Q1 at start ${q1AtStartMb} MB → at end ${q1AtEndMb} MB (first/last 5 s of the run: ${first5sMb} → ${last5sMb} MB)`,
  };
}

export function checkTargets(peers: PeerResult[], connections: number[]): Target[] {
  const [gateway, postgraphile, floor] = ["gateway", "postgraphile", "floor"].map((name) =>
    peers.find((p) => p.name === name),
  );
  const targets: Target[] = [];
  for (const c of connections) {
    const g1 = figures(gateway, "Q1", c)!;
    targets.push(...q1Targets(c, g1, figures(postgraphile, "Q1", c), figures(floor, "Q1", c)));
    targets.push(q2Target(c, g1, figures(gateway, "Q2", c)!));
  }
  const small = gateway!.perRequest["Q1 page of 5"]?.statements;
  const large = gateway!.perRequest["Q1 page of 50"]?.statements;
  targets.push(q2CostTarget(gateway!));
  targets.push({
    target: "Statements per request equal for pages of 5 and 50",
    met: small === large,
    detail: `${small} vs ${large}`,
  });
  return [...targets, ...peers.map(rssTarget)];
}
