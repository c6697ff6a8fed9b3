// `npm run worker`: the background jobs (provisioning executor, dispatchers, retention purges)
// as their own process, beside any number of servers on the same database. Runs until
// SIGTERM/SIGINT, then lets running passes finish (claimed work is committed or its lease
// runs out for another worker) and closes the database.
async function main() {
  // Configuration is checked at import time; import lazily so a bad value is one clear line.
  const { db } = await import("../src/data/db.ts");
  const { logger } = await import("../src/config/logger.ts");
  // The jobs every domain exports (src/app/domains.ts) and the pipeline's request-id purge; the
  // schema is never built here.
  const { registeredJobs, startJobs } = await import("../src/app/jobs.ts");
  const { closePubSub } = await import("../src/data/pubsub.ts");
  const { env } = await import("../src/config/env.ts");
  const { sharedEpoch } = await import("../src/pipeline/delivery/write-epoch.ts");
  const { checkReachable } = await import("../src/app/startup.ts");

  // Unreachable, or an embedded database another process holds: one line and exit 1, before any job.
  await checkReachable(db);
  // The servers' cached responses must not outlive what the jobs change: each commit bumps the shared epoch.
  if (env.redisUrl) sharedEpoch(env.redisUrl);

  const stopJobs = startJobs();
  // The job timers are unref'd (they must not hold a server open); this keeps the worker alive.
  const keepAlive = setInterval(() => {}, 60_000);
  logger.info({ jobs: registeredJobs().map((job) => job.name), db: db.describe }, "worker started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "worker stopping: finishing running passes");
    clearInterval(keepAlive);
    await stopJobs();
    await closePubSub();
    await db.close();
    logger.info("worker stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  const known = error instanceof Error && ["ConfigError", "StartupError"].includes(error.name);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
