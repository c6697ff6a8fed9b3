// Migrations: schema.prisma and prisma/migrations agree, they apply to an empty database
// (PostgreSQL when DATABASE_URL is set, else PGlite), and a failing one leaves nothing behind.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { type Database, openPGlite, openPostgres } from "../../src/data/database.ts";
import {
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  applyPendingMigrations,
  createMigration,
  diffSchemaAgainstMigrations,
  listMigrationDirectories,
  pendingMigrations,
} from "../../src/data/migrations/migrate.ts";
import { adminQuery, databaseUrl } from "../../tools/postgres.ts";

const scratch = mkdtempSync(join(tmpdir(), "gateway-migrations-"));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** An empty database of the leg's kind: a new database on DATABASE_URL's server, else in-memory PGlite. */
async function emptyDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = openPGlite("memory://");
    cleanups.push(() => database.close());
    return database;
  }
  const name = `migrations_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const database = openPostgres(databaseUrl(serverUrl, name));
  cleanups.push(async () => {
    await database.close();
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });
  return database;
}

const query = <T>(database: Database, sql: string) => database.prisma.$queryRawUnsafe<T[]>(sql);
const exists = async (database: Database, table: string) =>
  (await query<{ name: string | null }>(database, `SELECT to_regclass('${table}')::text AS name`))[0]?.name != null;

// Independent of the database, so it runs once: in the PGlite leg (or with no leg at all).
describe.skipIf(process.env.TEST_DB === "postgres")("schema.prisma and prisma/migrations", () => {
  test("agree: the next migration would be empty (run `npm run db:diff -- --create NAME` after a schema change)", async () => {
    const diff = await diffSchemaAgainstMigrations();
    expect(diff.sql).toBe("");
    expect(diff.empty).toBe(true);
  }, 60_000);

  test("a schema change is seen, and --create turns it into a migration that closes the gap", async () => {
    const dir = join(scratch, "drift");
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    const schemaPath = join(scratch, "drift.prisma");
    const extra = '\nmodel DriftProbe {\n  id Int @id\n  @@map("drift_probe")\n}\n';
    writeFileSync(schemaPath, readFileSync(SCHEMA_PATH, "utf8") + extra);

    const folder = await createMigration("Drift probe!", { schemaPath, migrationsDir: dir });
    expect(folder).toMatch(/\/\d{14}_drift_probe$/);
    expect(readFileSync(join(folder!, "migration.sql"), "utf8")).toContain('CREATE TABLE "drift_probe"');
    expect(await diffSchemaAgainstMigrations({ schemaPath, migrationsDir: dir })).toEqual({ empty: true, sql: "" });
  }, 90_000);
});

describe(`applying migrations (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  test("applies every migration to an empty database once, in prisma migrate deploy's table", async () => {
    const database = await emptyDatabase();
    const folders = listMigrationDirectories();
    expect(folders.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database)).toEqual(folders);

    expect(await applyPendingMigrations(database)).toEqual(folders);
    expect(await pendingMigrations(database)).toEqual([]);
    expect(await applyPendingMigrations(database)).toEqual([]);
    expect(await exists(database, "batch")).toBe(true);

    const rows = await query<{ migration_name: string; checksum: string; finished: boolean }>(
      database,
      "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY " +
        "migration_name",
    );
    const sha256 = (name: string) =>
      createHash("sha256")
        .update(readFileSync(join(MIGRATIONS_DIR, name, "migration.sql")))
        .digest("hex");
    expect(rows).toEqual(folders.map((name) => ({ migration_name: name, checksum: sha256(name), finished: true })));
    if (database.kind === "postgres") {
      // The engine's advisory lock lived on its own connection, which is closed now.
      const locks = await query<{ n: number }>(
        database,
        "SELECT count(*)::int AS n FROM pg_locks WHERE objid = 72707369",
      );
      expect(locks[0]?.n).toBe(0);
    }
  }, 60_000);

  test("a failing migration leaves nothing half-applied and blocks later runs", async () => {
    const dir = join(scratch, `atomic-${randomBytes(4).toString("hex")}`);
    cpSync(MIGRATIONS_DIR, dir, { recursive: true });
    // Semicolons inside a literal and a $$ body: the script must reach the server whole.
    mkdirSync(join(dir, "20990101000000_semicolons"));
    writeFileSync(
      join(dir, "20990101000000_semicolons", "migration.sql"),
      "CREATE TABLE semicolon_probe (note TEXT NOT NULL DEFAULT 'a;b');\n" +
        "DO $$ BEGIN INSERT INTO semicolon_probe DEFAULT VALUES; INSERT INTO semicolon_probe VALUES ('c;d'); END $$;\n",
    );
    mkdirSync(join(dir, "20991231000000_broken"));
    writeFileSync(
      join(dir, "20991231000000_broken", "migration.sql"),
      "CREATE TABLE half_applied (id INT);\nINSERT INTO semicolon_probe VALUES ('x');\nCREATE TABLE broken (x " +
        "no_such_type);\n",
    );
    const database = await emptyDatabase();

    const failure = applyPendingMigrations(database, () => {}, dir);
    await expect(failure).rejects.toThrow(/migration 20991231000000_broken failed: .*no_such_type/);
    expect(await exists(database, "batch")).toBe(true);
    expect(await query(database, "SELECT note FROM semicolon_probe ORDER BY note")).toEqual([
      { note: "a;b" },
      { note: "c;d" },
    ]);
    expect(await exists(database, "half_applied")).toBe(false);

    const rows = await query<{ migration_name: string; finished: boolean }>(
      database,
      "SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations WHERE migration_name " +
        "LIKE '2099%' ORDER BY 1",
    );
    expect(rows).toEqual([
      { migration_name: "20990101000000_semicolons", finished: true },
      { migration_name: "20991231000000_broken", finished: false },
    ]);
    expect(await pendingMigrations(database, dir)).toEqual(["20991231000000_broken"]);
    // Prisma's rule (P3009): a failed migration must be resolved by hand before anything else runs.
    await expect(applyPendingMigrations(database, () => {}, dir)).rejects.toThrow(/failed migrations/);
  }, 60_000);
});
