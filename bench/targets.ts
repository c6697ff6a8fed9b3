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
  const [gateway, postgraphile, floor] = ["gateway", "postgraphile", "floor"].map((name) => peers.find((p) => p.name === name));
  return (gateway?.cases ?? []).map(({ case: name, connections, requestsPerSecond }) => {
    const versus = (peer: PeerResult | undefined) => {
      const other = figures(peer, name, connections)?.requestsPerSecond;
      return other ? round(requestsPerSecond / other) : null;
    };
    return { case: name, connections, gatewayVsPostgraphile: versus(postgraphile), gatewayVsFloor: versus(floor) };
  });
}

export function checkTargets(peers: PeerResult[], connections: number[]): Target[] {
  const gateway = peers.find((p) => p.name === "gateway")!;
  const postgraphile = peers.find((p) => p.name === "postgraphile");
  const floor = peers.find((p) => p.name === "floor");
  const targets: Target[] = [];
  for (const c of connections) {
    const g1 = figures(gateway, "Q1", c)!;
    const p1 = figures(postgraphile, "Q1", c);
    const f1 = figures(floor, "Q1", c);
    const g2 = figures(gateway, "Q2", c)!;
    if (p1) {
      const ratio = g1.requestsPerSecond / p1.requestsPerSecond;
      targets.push({ target: `Q1 c=${c}: throughput ≥ 1.5× PostGraphile`, met: ratio >= 1.5, detail: `${round(ratio)}×` });
      targets.push({
        target: `Q1 c=${c}: p99 ≤ PostGraphile's`,
        met: g1.latencyP99Ms <= p1.latencyP99Ms,
        detail: `${g1.latencyP99Ms} ms vs ${p1.latencyP99Ms} ms`,
      });
    }
    if (f1) {
      const share = g1.requestsPerSecond / f1.requestsPerSecond;
      targets.push({ target: `Q1 c=${c}: throughput ≥ 50% of the floor`, met: share >= 0.5, detail: `${Math.round(share * 100)}%` });
    }
    const slower = g2.latencyP50Ms / g1.latencyP50Ms;
    targets.push({
      target: `Q2 c=${c}: p50 latency within 1.2× of Q1's`,
      met: slower <= 1.2,
      detail: `${g2.latencyP50Ms} ms vs ${g1.latencyP50Ms} ms (${round(slower)}×); p99 ${g2.latencyP99Ms} vs ${g1.latencyP99Ms} ms`,
    });
  }
  const small = gateway.statementsPerRequest["Q1 page of 5"];
  const large = gateway.statementsPerRequest["Q1 page of 50"];
  targets.push({ target: "Statements per request equal for pages of 5 and 50", met: small === large, detail: `${small} vs ${large}` });
  for (const peer of peers) {
    const { first5sMb, last5sMb } = peer.rss;
    targets.push({
      target: `${peer.name}: RSS flat across the run (≤ ${RSS_NOISE * 100}% growth)`,
      met: last5sMb <= first5sMb * (1 + RSS_NOISE),
      detail: `${first5sMb} MB → ${last5sMb} MB`,
    });
  }
  return targets;
}
