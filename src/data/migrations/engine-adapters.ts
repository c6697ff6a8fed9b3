// The connections handed to the WASM schema engine. The stock adapters are not fit for
// applying migrations (both seen on this stack):
// - @prisma/adapter-pg's executeScript splits the script on ";" and runs each piece on the
//   pool in autocommit: a failing migration leaves its first statements applied, and a ";"
//   inside a string literal or a $$ body breaks the migration apart.
// - pglite-prisma-adapter's executeScript does not await exec(): a failing migration is
//   recorded in _prisma_migrations as applied and its error becomes an unhandled rejection.
// - the engine takes pg_advisory_lock(72707369) and never disposes its main connection; on
//   the app's shared pool the lock would stay on a pooled connection for the process's life
//   and make another process's migrations time out.
// So every script goes to PostgreSQL as ONE simple-protocol query, as the native engine's
// simple_query does: the server parses it and runs it in one implicit transaction, all or
// nothing. PostgreSQL gets a dedicated one-connection pool that close() ends.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";

export interface EngineAdapters extends SqlMigrationAwareDriverAdapterFactory {
  /** Ends every connection and in-memory database handed to the engine. */
  close(): Promise<void>;
}

type PostgresError = Error & { code: string; severity?: string; detail?: string; column?: string; hint?: string };

// The engine prints the message of a DriverAdapterError; any other error would reach it as "GenericJs".
function asDriverError(error: unknown): unknown {
  if (!(error instanceof Error) || typeof (error as Partial<PostgresError>).code !== "string") return error;
  const { code, severity = "ERROR", message, detail, column, hint } = error as PostgresError;
  return new DriverAdapterError({ kind: "postgres", code, severity, message, detail, column, hint });
}

function withScriptRunner(adapter: SqlDriverAdapter, run: (script: string) => Promise<unknown>): SqlDriverAdapter {
  adapter.executeScript = async (script) => {
    try {
      await run(script);
    } catch (error) {
      throw asDriverError(error);
    }
  };
  return adapter;
}

// pglite-prisma-adapter keeps its PGlite in a field it does not type; it is the only way to reach exec().
function pgliteOf(adapter: SqlDriverAdapter): PGlite | undefined {
  const client = (adapter as unknown as { client?: unknown }).client;
  return client instanceof PGlite ? client : undefined;
}

function poolOf(adapter: SqlDriverAdapter): pg.Pool | undefined {
  const driver = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
  return driver instanceof pg.Pool ? driver : undefined;
}

class Adapters implements EngineAdapters {
  readonly provider = "postgres";
  readonly adapterName = "batch-gateway-migrations";
  private readonly owned: SqlDriverAdapter[] = [];
  private readonly pglites = new Set<PGlite>();
  private spare: PGlite | undefined;

  /** Without a base, the main database is a throwaway in-memory PGlite too (for diffs). */
  constructor(private readonly base?: SqlMigrationAwareDriverAdapterFactory) {}

  async connect(): Promise<SqlDriverAdapter> {
    if (!this.base) return this.inMemory((this.spare = new PGlite()));
    const adapter = await this.base.connect();
    const pglite = pgliteOf(adapter);
    if (pglite) return withScriptRunner(adapter, (script) => pglite.exec(script));
    const shared = poolOf(adapter);
    await adapter.dispose();
    if (!shared) throw new Error(`migrations: unsupported driver adapter ${adapter.adapterName}`);
    // Migrations may rightly run longer than a request's STATEMENT_TIMEOUT.
    const own = await new PrismaPg({ ...shared.options, max: 1, statement_timeout: undefined }).connect();
    this.owned.push(own);
    return withScriptRunner(own, (script) => own.underlyingDriver().query(script));
  }

  // Always an in-memory PGlite: no CREATE DATABASE privilege needed, nothing left behind.
  // Diffs never touch their in-memory main database beyond a version query, so its PGlite
  // serves as the first shadow: each PGlite takes seconds to boot.
  connectToShadowDb(): Promise<SqlDriverAdapter> {
    const spare = this.spare;
    this.spare = undefined;
    return this.inMemory(spare ?? new PGlite());
  }

  private async inMemory(pglite: PGlite): Promise<SqlDriverAdapter> {
    this.pglites.add(pglite);
    return withScriptRunner(await new PrismaPGlite(pglite).connect(), (script) => pglite.exec(script));
  }

  async close(): Promise<void> {
    for (const adapter of this.owned.splice(0)) await adapter.dispose();
    for (const pglite of this.pglites) await pglite.close();
    this.pglites.clear();
  }
}

/** Connections to `base` (PostgreSQL or PGlite) and in-memory shadow databases. */
export function engineAdapters(base: SqlMigrationAwareDriverAdapterFactory): EngineAdapters {
  return new Adapters(base);
}

/** Only throwaway in-memory databases: for diffs that need no real database. */
export function inMemoryAdapters(): EngineAdapters {
  return new Adapters();
}
