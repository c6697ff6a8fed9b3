// Before the server listens: reach the database, apply pending migrations, and fill an
// empty embedded database with demo data. Any failure is one clear line and exit 1.
import type { Database } from "../data/db.ts";
import { env } from "../config/env.ts";
import { logger } from "../config/logger.ts";
import { applyPendingMigrations } from "../data/migrations/migrate.ts";
import { isSeeded, seedDemoData } from "../data/seed/index.ts";

export class StartupError extends Error {
  override name = "StartupError";
}

/** The root cause on one line: driver errors nest and Prisma's messages span lines. */
function describeCause(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return describeCause(error.errors[0]);
  if (error instanceof Error && error.cause) return describeCause(error.cause);
  if (error instanceof Error) {
    const code = (error as { code?: string }).code;
    const message = error.message.replace(/\s+/g, " ").trim();
    return code && !message.includes(code) ? `${message} (${code})` : message;
  }
  return String(error);
}

/** Reaches the database once (and, embedded, takes its lock); a failure is one StartupError line. */
export async function checkReachable(database: Database): Promise<void> {
  try {
    // The driver's own error (e.g. ECONNREFUSED, password authentication failed) is clearer than Prisma's wrapper.
    if (database.pool) await database.pool.query("SELECT 1");
    else await database.prisma.$queryRawUnsafe("SELECT 1");
  } catch (error) {
    const variable = database.kind === "postgres" ? "DATABASE_URL" : "DATA_DIR";
    throw new StartupError(`${variable}: cannot use ${database.describe}: ${describeCause(error)}`);
  }
}

const IDENTITY = "SELECT pg_is_in_recovery() AS recovery, system_identifier::text AS system FROM pg_control_system()";
type Identity = { recovery: boolean; system: string };

/**
 * Each replica must be a replica of DATABASE_URL: in recovery, with the primary's system
 * identifier. One that cannot be reached yet only starts out of rotation (reads go to the primary).
 */
export async function checkReplicas(database: Database): Promise<void> {
  if (!database.replicas || !database.pool) return;
  const primary = (await database.pool.query<Identity>(IDENTITY)).rows[0]!;
  for (const replica of database.replicas.replicas) {
    let identity: Identity;
    try {
      identity = (await replica.pool.query<Identity>(IDENTITY)).rows[0]!;
    } catch (error) {
      logger.warn(
        { replica: replica.describe, cause: describeCause(error) },
        "read replica unreachable at start-up; reads use the primary until it answers",
      );
      continue;
    }
    if (!identity.recovery) {
      throw new StartupError(
        `DATABASE_REPLICA_URLS: ${replica.describe} is not a replica (pg_is_in_recovery() is false)`,
      );
    }
    if (identity.system !== primary.system) {
      throw new StartupError(
        `DATABASE_REPLICA_URLS: ${replica.describe} is a replica of another cluster (system identifier ${identity.system}, DATABASE_URL's ${primary.system})`,
      );
    }
  }
}

/**
 * Behind a transaction pooler the gateway cannot set STATEMENT_TIMEOUT on its sessions; the
 * role's setting applies instead. Say so when it has none.
 */
async function checkPooledStatementTimeout(database: Database): Promise<void> {
  if (!env.transactionPooling || env.statementTimeoutMs === 0 || !database.pool) return;
  const { rows } = await database.pool.query<{ statement_timeout: string }>("SHOW statement_timeout");
  if (rows[0]?.statement_timeout !== "0") return;
  logger.warn(
    "DATABASE_TRANSACTION_POOLING: the database has no statement_timeout and STATEMENT_TIMEOUT cannot be sent through the pooler; " +
      "set it on the role (ALTER ROLE … SET statement_timeout = '5s') or PgBouncer's query_timeout",
  );
}

export async function prepareDatabase(database: Database): Promise<void> {
  await checkReachable(database);
  await checkReplicas(database);
  await checkPooledStatementTimeout(database);
  const applied = await applyPendingMigrations(database, (line) => logger.info(line));
  if (applied.length) logger.info({ applied }, "migrations applied");
  if (database.kind !== "pglite" || env.seedScale === 0) return;
  if (await isSeeded(database.prisma)) return;
  const report = await seedDemoData(database.prisma, { scale: env.seedScale, log: (line) => logger.info(line) });
  logger.info({ report }, "demo data seeded into the embedded database");
}
