// The benchmark's database: a throwaway PostgreSQL started like the tests start theirs, restarted
// with pg_stat_statements so statements per request are counted by the server, not by the client.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import pg from "pg";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../tools/postgres.ts";

export const BENCH_DB = "bench";

export interface BenchDatabase {
  url: string;
  cluster: PostgresCluster;
  /** Whether pg_stat_statements is loaded; without it statements are not counted. */
  countsStatements: boolean;
  /**
   * Statements executed in the bench database since the last reset (utility ones included), and their execution time.
   */
  statementsSinceReset(): Promise<{ calls: number; execMs: number }>;
  resetStatements(): Promise<void>;
  serverVersion(): Promise<string>;
}

async function adminValue<T>(adminUrl: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query(sql, params);
    return rows[0]?.value as T;
  } finally {
    await client.end();
  }
}

function pgCtl(bin: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const command = join(bin, "pg_ctl");
  execFileSync(asRoot ? "runuser" : command, asRoot ? ["-u", "postgres", "--", command, ...args] : args, {
    stdio: "pipe",
  });
}

/** Loads pg_stat_statements (it must be preloaded, hence a restart); false when it is not installed. */
async function enableStatementStats(bin: string, adminUrl: string): Promise<boolean> {
  const available = await adminValue<boolean>(
    adminUrl,
    "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements') AS value",
  );
  if (!available) return false;
  const dataDir = await adminValue<string>(adminUrl, "SELECT current_setting('data_directory') AS value");
  await adminQuery(adminUrl, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
  // pg_ctl restart reuses the original command line (postmaster.opts): same port, same settings.
  // -l again: the log file is pg_ctl's option, and without it the server would hold our stdout pipe open.
  pgCtl(bin, ["-D", dataDir, "-l", join(dataDir, "..", "log"), "-m", "fast", "-w", "restart"]);
  await adminQuery(adminUrl, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  return true;
}

export async function startBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install -y postgresql)");
  const cluster = await startPostgres(bin);
  try {
    const countsStatements = await enableStatementStats(bin, cluster.adminUrl);
    if (!countsStatements) log("pg_stat_statements is not available: statements per request are not counted");
    await adminQuery(cluster.adminUrl, `CREATE DATABASE ${BENCH_DB}`);
    const statsWhere = `dbid = (SELECT oid FROM pg_database WHERE datname = '${BENCH_DB}')`;
    return {
      url: databaseUrl(cluster.adminUrl, BENCH_DB),
      cluster,
      countsStatements,
      statementsSinceReset: async () => {
        if (!countsStatements) return { calls: NaN, execMs: NaN };
        const sql = `SELECT json_build_object('calls', coalesce(sum(calls), 0), 'execMs', coalesce(sum(total_exec_time), 0)) AS value
          FROM pg_stat_statements WHERE ${statsWhere}`;
        return adminValue<{ calls: number; execMs: number }>(cluster.adminUrl, sql);
      },
      resetStatements: async () => {
        if (countsStatements) await adminQuery(cluster.adminUrl, "SELECT pg_stat_statements_reset()");
      },
      serverVersion: () =>
        adminValue<string>(cluster.adminUrl, "SELECT 'PostgreSQL ' || current_setting('server_version') AS value"),
    };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

export interface SeedFigures {
  scale: number;
  migrateMs: number;
  seedMs: number;
  /** VACUUM (ANALYZE) after seeding. */
  vacuumMs: number;
  rows: Record<string, number>;
}

/** The demo data is relative to this fixed instant, so every run measures the same rows. */
export const BENCH_SEED_NOW = new Date("2026-06-01T00:00:00Z");

/** Migrates with the app's own migrations and seeds the demo data, timing each. */
export async function migrateAndSeed(url: string, scale: number, log: (line: string) => void): Promise<SeedFigures> {
  // Imported here: src/config/env.ts reads the environment once, and run.ts sets it first.
  const { openPostgres } = await import("../src/data/database.ts");
  const { applyPendingMigrations } = await import("../src/data/migrations/migrate.ts");
  const { seedDemoData } = await import("../src/data/seed/index.ts");
  const database = openPostgres(url);
  try {
    let started = performance.now();
    await applyPendingMigrations(database, log);
    const migrateMs = Math.round(performance.now() - started);
    started = performance.now();
    const report = await seedDemoData(database.prisma, { scale, now: BENCH_SEED_NOW, log });
    const seedMs = Math.round(performance.now() - started);
    // Freshly written rows would make the first server measured pay for setting their hint bits
    // and for autovacuum's first pass; vacuumed and analyzed, every server meets the same
    // settled tables and statistics.
    started = performance.now();
    await database.prisma.$executeRawUnsafe("VACUUM (ANALYZE)");
    const vacuumMs = Math.round(performance.now() - started);
    log(`vacuumed and analyzed in ${vacuumMs} ms`);
    return { scale, migrateMs, seedMs, vacuumMs, rows: report.rows };
  } finally {
    await database.close();
  }
}
