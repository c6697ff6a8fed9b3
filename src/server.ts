// Listen, and shut down gracefully: stop accepting, let in-flight requests finish, close the database.
// With WEB_CONCURRENCY > 1 this process forks that many gateway processes instead (src/app/cluster.ts).
import cluster from "node:cluster";
import { createServer } from "node:http";

async function main() {
  // Configuration is checked at import time; import lazily so a bad value is one clear line.
  const { env, formatDuration } = await import("./config/env.ts");
  if (env.webConcurrency > 1 && cluster.isPrimary) return (await import("./app/cluster.ts")).runCluster();
  const { db } = await import("./data/db.ts");
  const { logger } = await import("./config/logger.ts");
  const { StartupError, prepareDatabase } = await import("./app/startup.ts");
  const { yoga, developmentTokenIfAny } = await import("./app/gateway.ts");
  const { checkTokenConfiguration } = await import("./pipeline/security/tokens.ts");
  const { checkCursorConfiguration } = await import("./graphql/cursor-sealing.ts");
  const { startJobs } = await import("./app/jobs.ts");
  const { attachWebSocket } = await import("./pipeline/transport/websocket.ts");
  const { closePubSub } = await import("./data/pubsub.ts");
  const { stopTracing } = await import("./pipeline/observability/tracing.ts");

  await checkTokenConfiguration();
  checkCursorConfiguration();
  await prepareDatabase(db);
  const server = createServer(yoga);
  // Listening first: a port already in use ends the start-up here, with one line and exit 1,
  // before any job runs. (Attached before, the WebSocket server took the listen error and the
  // process ran on without listening.)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.port, env.host, resolve);
  }).catch((error: NodeJS.ErrnoException) => {
    const inUse = error.code === "EADDRINUSE";
    const reason = inUse ? "is already in use (EADDRINUSE)" : `cannot be listened on: ${error.message}`;
    throw new StartupError(`PORT: ${env.host}:${env.port} ${reason}`);
  });
  const websockets = attachWebSocket(server, yoga);
  const first = !cluster.isWorker || process.env.GATEWAY_PROCESS_INDEX === "0";
  const token = first ? await developmentTokenIfAny() : undefined;
  if (token) {
    const lifetime = formatDuration(env.jwtMaxLifetimeMs);
    logger.info({ token }, `development token (all scopes, valid ${lifetime}); GraphiQL already sends a fresh one`);
  }
  const host = env.host === "0.0.0.0" ? "localhost" : env.host;
  if (first) logger.info(`GraphiQL on http://${host}:${env.port}/graphql (${db.describe})`);

  const stopJobs = env.jobs ? startJobs() : async () => {};

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => server.closeAllConnections(), env.shutdownTimeoutMs).unref();
    server.close(async () => {
      clearTimeout(force);
      await stopJobs();
      await closePubSub();
      await stopTracing();
      await db.close();
      logger.info("stopped");
      process.exit(0);
    });
    server.closeIdleConnections();
    for (const socket of websockets.clients) socket.close(1001, "server shutting down");
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  // Configuration and start-up failures are one line; anything else keeps its stack.
  const known = error instanceof Error && ["ConfigError", "StartupError", "MigrationError"].includes(error.name);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});
