// Per test file: a fresh database cloned from the run's migrated template, wired into the
// app through DATABASE_URL or DATA_DIR before the app's modules are imported.
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, inject } from "vitest";
import { TEMPLATE_DB, adminQuery, databaseUrl } from "../../tools/postgres.ts";

const kind = inject("databaseKind");
const template = inject("databaseTemplate");
let cleanup: () => Promise<void>;

if (kind === "postgres") {
  const name = `test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(template, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  process.env.DATABASE_URL = databaseUrl(template, name);
  // The same database on the streaming replica and through PgBouncer, for the files that use them
  // (they set DATABASE_REPLICA_URLS or DATABASE_URL from these before importing the app).
  const replica = inject("replicaAdminUrl");
  const pgbouncer = inject("pgbouncerAdminUrl");
  if (replica) process.env.TEST_REPLICA_URL = databaseUrl(replica, name);
  if (pgbouncer) process.env.TEST_PGBOUNCER_URL = databaseUrl(pgbouncer, name);
  cleanup = () => adminQuery(template, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
} else {
  const dir = mkdtempSync(join(tmpdir(), "gateway-pglite-"));
  cpSync(template, dir, { recursive: true });
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

afterAll(async () => {
  const { db } = await import("../../src/data/db.ts");
  await db.close();
  await cleanup();
});
