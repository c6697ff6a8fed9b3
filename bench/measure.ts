// One server's session: start it, prepare each case's request, check its answers against the
// reference server's, count what one request costs, drive each case under load, and watch the
// server's memory the whole time.
import { isDeepStrictEqual } from "node:util";
import type { BenchCase, ServerName } from "./cases/types.ts";
import { fingerprint } from "./cases/types.ts";
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
import { freePort } from "../tools/ports.ts";
import { startServer } from "./servers.ts";

export interface Plan {
  seconds: number;
  warmupSeconds: number;
  connections: number[];
  /** Sequential requests per cost measurement. */
  countRequests: number;
  rows: Record<string, number>;
  /** More requests whose cost per request is measured on the gateway (not timed under load), by name. */
  costOnly?: [string, string][];
}

export interface CaseResult {
  case: string;
  /** One per connection count. */
  load: LoadFigures[];
  /** By page size for paged cases ("5", "50"), else "all". */
  cost: Record<string, PerRequest>;
}

export interface ServerResult {
  name: ServerName;
  cases: CaseResult[];
  costOnly?: Record<string, PerRequest>;
  /** RSS in MB: the peak (VmHWM, start-up included) and the mean and highest sample while under load. */
  rss: { peakMb: number; meanUnderLoadMb: number; maxUnderLoadMb: number };
}

/** The answers each case gave on the reference server (the first of its servers), by case and page. */
export type Reference = Map<string, { server: ServerName; prints: Record<string, (string | number)[]> }>;

export const PAGES = [5, 50];
const TIMED_PAGE = 50;
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

function checkAnswers(
  server: ServerName,
  benchCase: BenchCase,
  prints: Record<string, (string | number)[]>,
  reference: Reference,
) {
  const expected = reference.get(benchCase.name);
  if (!expected) return void reference.set(benchCase.name, { server, prints });
  for (const [page, print] of Object.entries(prints)) {
    const other = expected.prints[page]!;
    if (isDeepStrictEqual(print, other)) continue;
    const at = print.findIndex((value, i) => value !== other[i]);
    throw new Error(
      `${server} and ${expected.server} disagree on ${benchCase.name} (page ${page}) at position ${at} of their ids, ` +
        `counts and list lengths: ${JSON.stringify(print.slice(Math.max(0, at - 3), at + 5))} vs ${JSON.stringify(other.slice(Math.max(0, at - 3), at + 5))}`,
    );
  }
}

/** Runs `cases` (those this server speaks) on one server started from `peer`. */
export async function measureServer(
  peer: Peer,
  cases: BenchCase[],
  token: string,
  plan: Plan,
  counter: StatementCounter,
  reference: Reference,
  log: (line: string) => void,
): Promise<ServerResult> {
  const server = await startServer(peer.spec, await freePort());
  const windows: [number, number][] = [];
  try {
    const load = (body: string | (() => string)): LoadCase => ({
      url: `${server.url}/graphql`,
      headers: headersFor(peer, token),
      body,
    });
    const context = { server: peer.name, rows: plan.rows, send: (body: string) => send(load(body)) };
    const results: CaseResult[] = [];
    for (const benchCase of cases.filter((c) => c.servers.includes(peer.name))) {
      const pages = benchCase.paged ? PAGES : [TIMED_PAGE];
      const requests = new Map<number, LoadCase>();
      for (const page of pages) requests.set(page, load(await benchCase.request(context, page)));
      if (benchCase.kind === "read") {
        const prints: Record<string, (string | number)[]> = {};
        for (const [page, request] of requests) {
          const response = await send(request);
          prints[String(page)] = benchCase.summarize?.(peer.name, response) ?? fingerprint(response);
        }
        checkAnswers(peer.name, benchCase, prints, reference);
      } else {
        await send(requests.get(TIMED_PAGE)!);
      }
      const timed = requests.get(TIMED_PAGE)!;
      await server.idle();
      await drive(timed, plan.connections[0]!, plan.warmupSeconds);
      const cost: Record<string, PerRequest> = {};
      for (const [page, request] of requests) {
        cost[benchCase.paged ? String(page) : "all"] = await costPerRequest(
          request,
          plan.countRequests,
          counter,
          server.cpuMs,
        );
      }
      const figures: LoadFigures[] = [];
      for (const connections of plan.connections) {
        await server.idle();
        const from = Date.now() - server.startedAt;
        const result = await drive(timed, connections, plan.seconds);
        windows.push([from, Date.now() - server.startedAt]);
        log(
          `${peer.name} ${benchCase.name} c=${connections}: ${result.requestsPerSecond} req/s, p99 ${result.latencyP99Ms} ms` +
            (result.failures ? `, ${result.failures} failures` : ""),
        );
        figures.push(result);
      }
      results.push({ case: benchCase.name, load: figures, cost });
    }
    let costOnly: ServerResult["costOnly"];
    if (peer.name === "gateway" && plan.costOnly?.length && cases.some((c) => c.name === "q1")) {
      costOnly = {};
      for (const [name, body] of plan.costOnly)
        costOnly[name] = await costPerRequest(load(body), plan.countRequests, counter, server.cpuMs);
    }
    const underLoad = server.samples
      .filter((s) => windows.some(([from, to]) => s.at >= from && s.at <= to))
      .map((s) => s.rssKb);
    const rss = {
      peakMb: mb(server.peakRssKb()),
      meanUnderLoadMb: mb(underLoad.reduce((sum, kb) => sum + kb, 0) / Math.max(1, underLoad.length)),
      maxUnderLoadMb: mb(Math.max(0, ...underLoad)),
    };
    return { name: peer.name, cases: results, ...(costOnly ? { costOnly } : {}), rss };
  } finally {
    await server.stop();
  }
}
