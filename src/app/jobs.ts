// The scheduler of periodic background jobs (dispatchers, sweeps, retention purges): the
// domains export theirs (src/app/domains.ts) and the pipeline has the request-id purge; the
// server and the worker process (scripts/worker.ts) start them all. Tests call a job's `run` directly.
import { logger } from "../config/logger.ts";
import type { Job } from "../data/job.ts";
import { idempotentRequestPurge } from "../pipeline/requests/jobs.ts";
import { domainJobs } from "./domains.ts";

/** The domains' jobs and the pipeline's: what the server and the worker run. */
const JOBS: readonly Job[] = [...domainJobs, idempotentRequestPurge];

export function registeredJobs(): readonly Job[] {
  return JOBS;
}

/**
 * Starts every registered job: a first pass at once, then one per interval. At once, because a
 * process that restarts more often than a job's interval (the hourly purges) would otherwise
 * never run it. The returned function stops them and waits for running passes.
 */
export function startJobs(): () => Promise<void> {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = JOBS.map((job) => {
    const tick = () => {
      if (stopped) return;
      const pass = job
        .run()
        .catch((error: unknown) => logger.error({ err: error, job: job.name }, "job failed"))
        .finally(() => running.delete(pass));
      running.add(pass);
    };
    tick();
    return setInterval(tick, job.intervalMs).unref();
  });
  return async () => {
    stopped = true;
    timers.forEach(clearInterval);
    await Promise.allSettled(running);
  };
}
