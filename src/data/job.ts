// What a periodic background job is (dispatchers, sweeps, retention purges): a pass over the
// database that claims its work with row locks. Each domain's index (and the pipeline) exports
// its jobs; src/app/jobs.ts starts them in the server and in the worker. Tests call a job's
// `run` directly.

export interface Job {
  name: string;
  intervalMs: number;
  /** One pass; must be safe to run concurrently on several instances (claim work with row locks). */
  run(): Promise<unknown>;
}
