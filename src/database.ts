// Opening a database: PostgreSQL through @prisma/adapter-pg, or the embedded PGlite.
// The app's singleton lives in db.ts; tests and scripts open extra databases here.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { env } from "./env.ts";
import { PrismaClient } from "./generated/prisma/client.ts";

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** The adapter factory, also used by the migration engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The PostgreSQL pool (absent for PGlite). */
  pool?: pg.Pool;
  /** Where the database lives, without credentials, for log lines. */
  describe: string;
  close(): Promise<void>;
}

type QueryListener = (sql: string) => void;
const queryListeners = new Set<QueryListener>();

/** Subscribe to every SQL statement the client sends (TRACE_SQL=true or NODE_ENV=test). */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function createClient(adapter: SqlMigrationAwareDriverAdapterFactory): PrismaClient {
  if (!env.traceSql) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    for (const listener of queryListeners) listener(event.query);
  });
  return client;
}

export function openPostgres(connectionString: string): Database {
  const pool = new pg.Pool({ connectionString, max: env.dbPoolSize, connectionTimeoutMillis: 5_000 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const adapterFactory = new PrismaPg(pool);
  const prisma = createClient(adapterFactory);
  const url = new URL(connectionString);
  return {
    kind: "postgres",
    prisma,
    adapterFactory,
    pool,
    describe: `postgresql://${url.host}${url.pathname}`,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

export function openPGlite(dataDir: string): Database {
  // PGlite starts its engine and creates DATA_DIR as soon as it is constructed, so it is
  // constructed on first use: importing the schema (e.g. to print it) opens no database.
  let pglite: PGlite | undefined;
  let adapter: PrismaPGlite | undefined;
  const current = () => (adapter ??= new PrismaPGlite((pglite = new PGlite(dataDir))));
  const adapterFactory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-lazy",
    connect: () => current().connect(),
    connectToShadowDb: () => current().connectToShadowDb(),
  };
  const prisma = createClient(adapterFactory);
  return {
    kind: "pglite",
    prisma,
    adapterFactory,
    describe: `pglite ${dataDir}`,
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
    },
  };
}
