// One server's session: start it, check its answers, count its statements, drive each case,
// and watch its memory the whole time.
import { isDeepStrictEqual } from "node:util";
import {
  type LoadCase,
  type LoadFigures,
  type PerRequest,
  type StatementCounter,
  costPerRequest,
  drive,
  send,
} from "./load.ts";
import { type Peer, headersFor } from "./peers.ts";
import type { PageSummary } from "./queries.ts";
import { freePort } from "../tools/ports.ts";
import { type RunningServer, startServer } from "./servers.ts";

export type CaseName = "Q1" | "Q2" | "Q3" | "Q4";

export interface Plan {
  seconds: number;
  warmupSeconds: number;
  connections: number[];
  /** Q2's depth: how many batches precede its page. */
  depth: number;
  /** Q3's batch. */
  nodeBatchId: number;
  /** Q4's request bodies, for servers that have the mutation. */
  mutation?: () => string;
  /** Requests per statement count. */
  countRequests: number;
  /** More requests whose cost per request is measured (not timed under load), by name. */
  costOnly?: [string, string][];
  /** Another server's answers to Q1 and Q2, which this server's must equal before it is timed. */
  expected?: { name: string; q1: PageSummary; q2: PageSummary };
}

export interface PeerResult {
  name: string;
  cases: (LoadFigures & { case: CaseName })[];
  /** Measured over sequential requests, by case ("Q1 page of 50", "Q1 page of 5", "Q2", …). */
  perRequest: Record<string, PerRequest>;
  /**
   * Mean RSS in MB: over the first and last 5 s of the timed run (different cases), and over the
   * last 5 s of Q1 at the most connections, first when it was timed and again at the very end.
   */
  rss: { peakMb: number; first5sMb: number; last5sMb: number; q1AtStartMb: number; q1AtEndMb: number };
  q1: PageSummary;
  q2: PageSummary;
}

const PAGE = 50;
const STEP = 100;

async function cursorAtDepth(load: (body: string) => LoadCase, peer: Peer, depth: number): Promise<string | null> {
  let after: string | null = null;
  for (let walked = 0; walked < depth; walked += STEP) {
    after = peer.dialect.endCursor(await send(load(peer.dialect.cursorsOnly(Math.min(STEP, depth - walked), after))));
  }
  return after;
}

function checkSameData(name: string, actual: PageSummary, expected: NonNullable<Plan["expected"]>, which: "q1" | "q2") {
  if (isDeepStrictEqual(actual, expected[which])) return;
  const at = actual.batches.findIndex((batch, i) => !isDeepStrictEqual(batch, expected[which].batches[i]));
  throw new Error(
    `${name} and ${expected.name} disagree on ${which.toUpperCase()}: totalCount ${actual.totalCount} vs ${expected[which].totalCount}; ` +
      `first difference at row ${at}: ${JSON.stringify(actual.batches[at])} vs ${JSON.stringify(expected[which].batches[at])}`,
  );
}

const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Mean RSS in MB over the samples taken between two moments (ms since the server started). */
function meanRss(server: RunningServer, from: number, to: number): number {
  const during = server.samples.filter((s) => s.at >= from && s.at <= to);
  return mb(during.reduce((sum, s) => sum + s.rssKb, 0) / Math.max(1, during.length));
}

/** Drives every case at every connection count, then Q1 once more to compare memory under the same load. */
async function timeCases(
  server: RunningServer,
  loads: [CaseName, LoadCase][],
  plan: Plan,
  log: (line: string) => void,
) {
  const now = () => Date.now() - server.startedAt;
  const most = Math.max(...plan.connections);
  const start = now();
  const cases: PeerResult["cases"] = [];
  let firstQ1End = start;
  for (const [name, request] of loads) {
    // A short warm-up per case: its plans and caches, not the previous case's, are measured.
    await server.idle();
    await drive(request, plan.connections[0]!, Math.min(2, plan.warmupSeconds));
    for (const connections of plan.connections) {
      await server.idle();
      const figures = await drive(request, connections, plan.seconds);
      log(
        `${server.name} ${name} c=${connections}: ${figures.requestsPerSecond} req/s, p50 ${figures.latencyP50Ms} ms, p99 ${figures.latencyP99Ms} ms`,
      );
      cases.push({ case: name, ...figures });
      if (name === "Q1" && connections === most) firstQ1End = now();
    }
  }
  await server.idle();
  const again = await drive(loads[0]![1], most, plan.seconds);
  log(`${server.name} Q1 again c=${most}: ${again.requestsPerSecond} req/s`);
  const end = now();
  const rss: PeerResult["rss"] = {
    peakMb: mb(server.peakRssKb()),
    first5sMb: meanRss(server, start, start + 5_000),
    last5sMb: meanRss(server, end - 5_000, end),
    q1AtStartMb: meanRss(server, firstQ1End - 5_000, firstQ1End),
    q1AtEndMb: meanRss(server, end - 5_000, end),
  };
  return { cases, rss };
}

export async function measurePeer(
  peer: Peer,
  token: string,
  plan: Plan,
  counter: StatementCounter,
  log: (line: string) => void,
) {
  const server = await startServer(peer.spec, await freePort());
  try {
    const load = (body: string | (() => string)): LoadCase => ({
      url: `${server.url}/graphql`,
      headers: headersFor(peer, token),
      body,
    });
    const q1 = load(peer.dialect.q1(PAGE, null));
    const q1Summary = peer.dialect.summarize(await send(q1));
    const q2 = load(peer.dialect.q1(PAGE, await cursorAtDepth(load, peer, plan.depth)));
    const q2Summary = peer.dialect.summarize(await send(q2));
    if (plan.expected) {
      checkSameData(peer.name, q1Summary, plan.expected, "q1");
      checkSameData(peer.name, q2Summary, plan.expected, "q2");
      log(`${peer.name}: Q1 and Q2 answers equal ${plan.expected.name}'s (ids, counts, first cycles, order)`);
    }
    const q3 = load(peer.dialect.q3(peer.batchNodeId(plan.nodeBatchId)));
    if (!((await send(q3)) as { data: { node: unknown } }).data.node)
      throw new Error(`${peer.name}: Q3 found no batch ${plan.nodeBatchId}`);
    const loads: [CaseName, LoadCase][] = [
      ["Q1", q1],
      ["Q2", q2],
      ["Q3", q3],
    ];
    if (plan.mutation) {
      loads.push(["Q4", load(plan.mutation)]);
      await send(load(plan.mutation));
    }

    log(`${peer.name}: warming up`);
    await drive(q1, plan.connections[0]!, plan.warmupSeconds);
    const cost = (request: LoadCase) => costPerRequest(request, plan.countRequests, counter, server.cpuMs);
    const perRequest: Record<string, PerRequest> = {
      "Q1 page of 50": await cost(q1),
      "Q1 page of 5": await cost(load(peer.dialect.q1(5, null))),
    };
    for (const [name, request] of loads.slice(1)) perRequest[name] = await cost(request);
    for (const [name, body] of plan.costOnly ?? []) perRequest[name] = await cost(load(body));

    const { cases, rss } = await timeCases(server, loads, plan, log);
    return { name: peer.name, cases, perRequest, rss, q1: q1Summary, q2: q2Summary } satisfies PeerResult;
  } finally {
    await server.stop();
  }
}
