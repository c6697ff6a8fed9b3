// Migrations in Prisma's standard layout (prisma/migrations/<name>/migration.sql and the
// _prisma_migrations table), applied by Prisma's schema engine compiled to WebAssembly, so
// `prisma migrate deploy` stays usable wherever the native engine can be downloaded.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaFilter } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { Database } from "../database.ts";
import { type EngineAdapters, engineAdapters, inMemoryAdapters } from "./engine-adapters.ts";
import { type SchemaEngine, lastEnginePanic, loadSchemaEngine } from "./schema-engine.ts";

const PRISMA_DIR = fileURLToPath(new URL("../../../prisma", import.meta.url));
export const MIGRATIONS_DIR = join(PRISMA_DIR, "migrations");
export const SCHEMA_PATH = join(PRISMA_DIR, "schema.prisma");
const LOCKFILE = { path: "migration_lock.toml", content: 'provider = "postgresql"\n' };
const NO_FILTERS: SchemaFilter = { externalTables: [], externalEnums: [] };

/** What the migration functions need of a database; `Database` (src/data/database.ts) is one. */
export type MigrationTarget = Pick<Database, "adapterFactory" | "prisma">;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export function listMigrationDirectories(dir = MIGRATIONS_DIR): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

function readMigrationsList(dir: string): MigrationList {
  const lockPath = join(dir, LOCKFILE.path);
  return {
    baseDir: dir,
    // Before the first migration there is no lockfile yet; the provider is fixed anyway.
    lockfile: {
      path: LOCKFILE.path,
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : LOCKFILE.content,
    },
    shadowDbInitScript: "",
    migrationDirectories: listMigrationDirectories(dir).map((name) => {
      const file = join(dir, name, "migration.sql");
      const content = existsSync(file)
        ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
        : { tag: "error" as const, value: `${file} is missing` };
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  };
}

/** Folder names not yet applied, read without the engine (loading it costs seconds). */
export async function pendingMigrations(database: MigrationTarget, dir = MIGRATIONS_DIR): Promise<string[]> {
  const [table] = await database.prisma.$queryRawUnsafe<{ name: string | null }[]>(
    "SELECT to_regclass('_prisma_migrations')::text AS name",
  );
  const folders = listMigrationDirectories(dir);
  if (!table?.name) return folders;
  // A failed row (finished_at null) keeps its migration pending: the engine then refuses with P3009.
  const rows = await database.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
  );
  const applied = new Set(rows.map((row) => row.migration_name));
  return folders.filter((name) => !applied.has(name));
}

// Engine errors carry a Rust span trace after the message; one readable line is kept.
function describeEngineError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const migration = /migration_name="([^"]+)"/.exec(text)?.[1];
  const lines = text.split("\n");
  const traceStart = lines.findIndex((line) => /^\s+\d+: /.test(line));
  const message = (traceStart < 0 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trim())
    .filter((line) => line && line !== "external connector error")
    .join(" ");
  const panic = /unreachable|RuntimeError/.test(text) ? lastEnginePanic() : undefined;
  return `${migration ? `migration ${migration} failed: ` : ""}${panic ?? message}`;
}

async function withEngine<T>(
  adapters: EngineAdapters,
  schema: [string, string] | undefined,
  log: (line: string) => void,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  try {
    const { SchemaEngine } = await loadSchemaEngine();
    // The engine logs JSON lines; only "Applying `name`" is worth an operator's attention.
    const forward = (json: string) => {
      const applying = /"message":"(Applying [^"]+)"/.exec(json)?.[1];
      if (applying) log(`migrations: ${applying}`);
    };
    const engine = await SchemaEngine.new(
      { datamodels: schema && [schema] },
      forward,
      bindMigrationAwareSqlAdapterFactory(adapters),
    );
    try {
      return await use(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    throw new MigrationError(describeEngineError(error), { cause: error });
  } finally {
    await adapters.close();
  }
}

/** Applies the pending migrations, each in one transaction; returns the names applied. */
export async function applyPendingMigrations(
  database: MigrationTarget,
  log: (line: string) => void = () => {},
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const pending = await pendingMigrations(database, dir);
  if (pending.length === 0) return [];
  log(`migrations: ${pending.length} pending (${pending.join(", ")}), loading the schema engine`);
  const started = performance.now();
  const { appliedMigrationNames } = await withEngine(
    engineAdapters(database.adapterFactory),
    undefined,
    log,
    (engine) => engine.applyMigrations({ migrationsList: readMigrationsList(dir), filters: NO_FILTERS }),
  );
  log(`migrations: applied ${appliedMigrationNames.length} in ${Math.round(performance.now() - started)} ms`);
  return appliedMigrationNames;
}

export interface DiffOptions {
  schemaPath?: string;
  migrationsDir?: string;
}

/** The SQL of the next migration: schema.prisma against the migrations replayed in in-memory PGlite. */
export async function diffSchemaAgainstMigrations(options: DiffOptions = {}): Promise<{ empty: boolean; sql: string }> {
  const { schemaPath = SCHEMA_PATH, migrationsDir = MIGRATIONS_DIR } = options;
  const content = readFileSync(schemaPath, "utf8");
  const result = await withEngine(
    inMemoryAdapters(),
    [schemaPath, content],
    () => {},
    (engine) =>
      engine.diff({
        from: { tag: "migrations", ...readMigrationsList(migrationsDir) },
        to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
  );
  // exitCode 2 means "non-empty diff"; the engine then prints "-- This is an empty migration." otherwise.
  return result.exitCode === 0 ? { empty: true, sql: "" } : { empty: false, sql: result.stdout ?? "" };
}

/** Writes the diff as prisma/migrations/<UTC timestamp>_<name>/migration.sql; null when there is nothing to write. */
export async function createMigration(name: string, options: DiffOptions = {}): Promise<string | null> {
  const { migrationsDir = MIGRATIONS_DIR } = options;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
  if (!slug) throw new MigrationError(`migration name "${name}" has no letters or digits`);
  const diff = await diffSchemaAgainstMigrations(options);
  if (diff.empty) return null;
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const folder = join(migrationsDir, `${stamp}_${slug}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "migration.sql"), diff.sql);
  if (!existsSync(join(migrationsDir, LOCKFILE.path)))
    writeFileSync(join(migrationsDir, LOCKFILE.path), LOCKFILE.content);
  return folder;
}
