// Where the gateway's CPU time goes under Q1: a --cpu-prof run summarized as the functions with
// the most self time and the packages with the most time on the stack.
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { drive, send } from "./load.ts";
import { type Peer, type PeerSettings, gatewayPeer, headersFor } from "./peers.ts";
import { freePort } from "../tools/ports.ts";
import { startServer } from "./servers.ts";

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  seconds: number;
  requestsPerSecond: number;
  /** Shares of the samples taken during the load, in percent. */
  topFunctions: { name: string; selfPercent: number }[];
  /** Inclusive: samples with any frame of the package on the stack (so they add up to more than 100). */
  topPackages: { name: string; selfPercent: number; inclusivePercent: number }[];
}

function packageOf({ url, functionName }: ProfileNode["callFrame"]): string {
  // V8's pseudo-frames: (idle), (garbage collector), (program); other url-less frames are native.
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node core";
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1]!;
  return url.includes("/src/") ? "gateway src/" : url;
}

function functionName({ url, functionName, lineNumber }: ProfileNode["callFrame"]): string {
  const where = url
    ? ` ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/src\//, "src/")}:${lineNumber + 1}`
    : "";
  return `${functionName || "(anonymous)"}${where}`;
}

const percent = (hits: number, all: number) => Math.round((hits / all) * 1000) / 10;
const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
const ranked = (totals: Map<string, number>, top: number) =>
  [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);

/** The samples of the last `windowSeconds` of the profile (the load, not the start-up), by function and package. */
export function summarizeProfile(
  file: string,
  windowSeconds: number,
  top = 15,
): Pick<ProfileSummary, "topFunctions" | "topPackages"> {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const [selfFunctions, selfPackages, inclusivePackages] = [
    new Map<string, number>(),
    new Map<string, number>(),
    new Map<string, number>(),
  ];
  const from = profile.endTime - windowSeconds * 1e6;
  let time = profile.startTime;
  let all = 0;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    if (time < from) return;
    all++;
    const leaf = byId.get(id)!.callFrame;
    add(selfFunctions, functionName(leaf));
    add(selfPackages, packageOf(leaf));
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at))
      onStack.add(packageOf(byId.get(at)!.callFrame));
    for (const name of onStack) add(inclusivePackages, name);
  });
  return {
    topFunctions: ranked(selfFunctions, top).map(([name, hits]) => ({ name, selfPercent: percent(hits, all) })),
    topPackages: ranked(inclusivePackages, top)
      .filter(([name]) => name !== "(root)")
      .map(([name, hits]) => ({
        name,
        selfPercent: percent(selfPackages.get(name) ?? 0, all),
        inclusivePercent: percent(hits, all),
      })),
  };
}

/** Runs the gateway under --cpu-prof and drives `body` (default Q1, a page of 50) at `connections` for `seconds`. */
export async function profileGateway(
  settings: PeerSettings,
  connections: number,
  seconds: number,
  /** The request to drive, given a sender to the profiled server (cases that first walk a cursor need one). */
  body?: (send: (body: string) => Promise<unknown>) => Promise<string | (() => string)> | string | (() => string),
  /** Where to keep the main thread's .cpuprofile (for Chrome DevTools); deleted otherwise. */
  keepAs?: string,
): Promise<ProfileSummary> {
  const dir = mkdtempSync(join(tmpdir(), "gateway-cpu-prof-"));
  try {
    const peer: Peer = gatewayPeer({ ...settings, cpuProfileDir: dir });
    const server = await startServer(peer.spec, await freePort());
    let requestsPerSecond: number;
    try {
      const url = `${server.url}/graphql`;
      const headers = headersFor(peer, settings.token);
      const sender = (text: string) => send({ url, headers, body: text });
      const load = { url, headers, body: body ? await body(sender) : peer.dialect.q1(50, null) };
      await send(load);
      ({ requestsPerSecond } = await drive(load, connections, seconds));
    } finally {
      // The profile is written when the process exits.
      await server.stop();
    }
    // One profile per thread (pino's transport has its own); the main thread's is the largest.
    const files = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
    const main = files.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size)[0];
    if (!main) throw new Error("the gateway wrote no CPU profile");
    if (keepAs) copyFileSync(join(dir, main), keepAs);
    return { seconds, requestsPerSecond, ...summarizeProfile(join(dir, main), seconds, 25) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
