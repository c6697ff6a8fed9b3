// Periodic background jobs (dispatchers, sweeps, retention purges). Domains register them;
// the server (and the worker process) starts them. Tests call a job's `run` directly.
import { logger } from "../config/logger.ts";

export interface Job {
  name: string;
  intervalMs: number;
  /** One pass; must be safe to run concurrently on several instances (claim work with row locks). */
  run(): Promise<unknown>;
}

const jobs: Job[] = [];

export function registerJob(job: Job): Job {
  jobs.push(job);
  return job;
}

export function registeredJobs(): readonly Job[] {
  return jobs;
}

/**
 * Starts every registered job: a first pass at once, then one per interval. At once, because a
 * process that restarts more often than a job's interval (the hourly purges) would otherwise
 * never run it. The returned function stops them and waits for running passes.
 */
export function startJobs(): () => Promise<void> {
  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers = jobs.map((job) => {
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
