// Where the gateway's CPU time goes under Q1: a --cpu-prof run summarized as the functions and
// packages with the most self time.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drive, send } from "./load.ts";
import { type Peer, type PeerSettings, gatewayPeer, headersFor } from "./peers.ts";
import { freePort, startServer } from "./servers.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export interface ProfileSummary {
  seconds: number;
  requestsPerSecond: number;
  /** Share of all samples, in percent. */
  topFunctions: { name: string; selfPercent: number }[];
  topPackages: { name: string; selfPercent: number }[];
}

function packageOf({ url, functionName }: ProfileNode["callFrame"]): string {
  // V8's pseudo-frames: (idle), (garbage collector), (program); other url-less frames are native.
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node core";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  return url.includes("/src/") ? "gateway src/" : url;
}

function ranked(totals: Map<string, number>, all: number, top: number) {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, hits]) => ({ name, selfPercent: Math.round((hits / all) * 1000) / 10 }));
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  endTime: number;
}

/** Self time of the last `windowSeconds` of the profile: the load, not the start-up before it. */
export function summarizeProfile(file: string, windowSeconds: number, top = 15): Pick<ProfileSummary, "topFunctions" | "topPackages"> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile & { startTime: number };
  const hits = new Map<number, number>();
  let time = profile.startTime;
  const from = profile.endTime - windowSeconds * 1e6;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (time >= from) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  let all = 0;
  for (const { id, callFrame } of profile.nodes) {
    const count = hits.get(id);
    if (!count) continue;
    all += count;
    const where = callFrame.url ? `${callFrame.url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/src\//, "src/")}:${callFrame.lineNumber + 1}` : "";
    const name = `${callFrame.functionName || "(anonymous)"} ${where}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + count);
    packages.set(packageOf(callFrame), (packages.get(packageOf(callFrame)) ?? 0) + count);
  }
  return { topFunctions: ranked(functions, all, top), topPackages: ranked(packages, all, 10) };
}

/** Runs the gateway under --cpu-prof and drives Q1 at `connections` for `seconds`. */
export async function profileGatewayQ1(settings: PeerSettings, connections: number, seconds: number): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-cpu-prof-"));
  try {
    const peer: Peer = gatewayPeer({ ...settings, cpuProfileDir: dir });
    const server = await startServer(peer.spec, await freePort());
    let requestsPerSecond: number;
    try {
      const load = { url: `${server.url}/graphql`, headers: headersFor(peer, settings.token), body: peer.dialect.q1(50, null) };
      await send(load);
      ({ requestsPerSecond } = await drive(load, connections, seconds));
    } finally {
      // The profile is written when the process exits.
      await server.stop();
    }
    const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
    if (!file) throw new Error("the gateway wrote no CPU profile");
    return { seconds, requestsPerSecond, ...summarizeProfile(join(dir, file), seconds) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
