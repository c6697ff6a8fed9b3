// A process per core (WEB_CONCURRENCY): this primary checks the configuration and the database
// once, then forks that many gateway processes sharing the port (node:cluster hands each new
// connection to the next process). It serves nothing itself. A process that dies is replaced and
// logged; one that dies before it ever listened is a start-up failure, and the whole server
// stops with exit 1. SIGTERM/SIGINT reach every process, each finishes its in-flight requests,
// and the primary exits once all have. Background jobs run in the first process only. Events,
// rate limits and the response cache's write epoch go between processes through Redis, as
// between instances (WEB_CONCURRENCY > 1 needs REDIS_URL).
import cluster, { type Worker } from "node:cluster";
import { env } from "../config/env.ts";
import { logger } from "../config/logger.ts";
import { db } from "../data/db.ts";
import { checkCursorConfiguration } from "../graphql/cursor-sealing.ts";
import { answerMetricsRequests } from "../pipeline/observability/cluster-metrics.ts";
import { checkTokenConfiguration } from "../pipeline/security/tokens.ts";
import { prepareDatabase } from "./startup.ts";

/** A process that dies sooner than this after it started listening is replaced after a pause, not at once. */
const EARLY_DEATH_MS = 5_000;
const RESTART_PAUSE_MS = 1_000;

export async function runCluster(): Promise<void> {
  await checkTokenConfiguration();
  checkCursorConfiguration();
  await prepareDatabase(db); // migrations once, not raced by every process
  await db.close();
  answerMetricsRequests();

  let stopping = false;
  const listenedAt = new Map<Worker, number>();
  const indexOf = new Map<Worker, number>();
  const fork = (index: number) => {
    // Jobs in the first process only: one dispatcher and one executor per server, as with one process.
    const worker = cluster.fork({
      GATEWAY_PROCESS_INDEX: String(index),
      JOBS: env.jobs && index === 0 ? "true" : "false",
    });
    indexOf.set(worker, index);
    worker.on("listening", () => listenedAt.set(worker, Date.now()));
  };

  let listening = 0;
  cluster.on("listening", () => {
    if (++listening === env.webConcurrency) {
      logger.info(
        { processes: env.webConcurrency, port: env.port },
        `${env.webConcurrency} gateway processes on port ${env.port}`,
      );
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    const index = indexOf.get(worker)!;
    const startedListening = listenedAt.get(worker);
    if (stopping) return;
    if (startedListening === undefined) {
      // Its own line (the port in use, the database away) said why; the others stop too.
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill("SIGTERM");
      process.exitCode = 1;
      return;
    }
    const early = Date.now() - startedListening < EARLY_DEATH_MS;
    logger.error(
      { process: index, pid: worker.process.pid, code, signal },
      "gateway process died; starting a replacement",
    );
    setTimeout(() => !stopping && fork(index), early ? RESTART_PAUSE_MS : 0);
  });
  for (let index = 0; index < env.webConcurrency; index++) fork(index);

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: every process finishes its in-flight requests");
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    // Each process forces its own connections closed after SHUTDOWN_TIMEOUT_MS; this is the backstop.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
    }, env.shutdownTimeoutMs + 5_000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  await new Promise<void>((resolve) => {
    const check = () => {
      if (Object.keys(cluster.workers ?? {}).length === 0 && stopping) resolve();
    };
    cluster.on("exit", () => setImmediate(check));
  });
  logger.info("stopped");
  process.exit(process.exitCode ?? 0);
}
