// Load generation with autocannon on loopback, and the short sequential runs that count
// statements per request.
import autocannon from "autocannon";

export interface LoadCase {
  url: string;
  headers: Record<string, string>;
  /** A fixed request body, or a fresh one per request (e.g. a random cycle to update). */
  body: string | (() => string);
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  /** Transport errors, timeouts and non-2xx answers. */
  failures: number;
}

export async function drive(load: LoadCase, connections: number, seconds: number): Promise<LoadFigures> {
  const { body } = load;
  const result = await autocannon({
    url: load.url,
    method: "POST",
    headers: { "content-type": "application/json", ...load.headers },
    connections,
    duration: seconds,
    ...(typeof body === "string"
      ? { body }
      : { requests: [{ setupRequest: (request) => ({ ...request, body: body() }) }] }),
  });
  return {
    connections,
    seconds,
    requestsPerSecond: Math.round(result.requests.average * 10) / 10,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/** Sends one request and returns its parsed JSON; a GraphQL error or non-2xx answer throws. */
export async function send(load: LoadCase): Promise<unknown> {
  const response = await fetch(load.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...load.headers },
    body: typeof load.body === "string" ? load.body : load.body(),
  });
  const json = (await response.json()) as { errors?: unknown[] };
  if (!response.ok || json.errors?.length) {
    throw new Error(`${load.url} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  }
  return json;
}

/**
 * Waits until the server sends no more statements: requests autocannon left in flight when a
 * timed run ended are still being answered, and their statements must not be counted.
 */
async function settle(counter: StatementCounter): Promise<void> {
  const deadline = Date.now() + 60_000;
  do {
    await counter.reset();
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while ((await counter.read()).calls > 0 && Date.now() < deadline);
  await counter.reset();
}

export interface StatementCounter {
  reset(): Promise<void>;
  read(): Promise<{ calls: number; execMs: number }>;
}

export interface PerRequest {
  statements: number;
  /** Execution time of those statements inside PostgreSQL. */
  sqlMs: number;
  /** CPU time of the server process (user + system). */
  serverCpuMs: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** What one request costs: `count` requests one after another between two readings of the counters. */
export async function costPerRequest(
  load: LoadCase,
  count: number,
  counter: StatementCounter,
  cpuMs: () => number,
): Promise<PerRequest> {
  // Warm: the first requests of a document parse, validate and compile it, which later ones skip.
  for (let i = 0; i < 5; i++) await send(load);
  await settle(counter);
  const cpuBefore = cpuMs();
  for (let i = 0; i < count; i++) await send(load);
  const serverCpuMs = cpuMs() - cpuBefore;
  const { calls, execMs } = await counter.read();
  return { statements: round2(calls / count), sqlMs: round2(execMs / count), serverCpuMs: round2(serverCpuMs / count) };
}
