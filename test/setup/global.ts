// Global setup of each test project: prepare one migrated template database that every
// test file clones, so files are isolated and migrations run once per run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { openPGlite, openPostgres } from "../../src/data/database.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import {
  TEMPLATE_DB,
  adminQuery,
  databaseUrl,
  findPostgresBin,
  hasPgBouncer,
  startPostgres,
} from "../../tools/postgres.ts";

declare module "vitest" {
  export interface ProvidedContext {
    databaseKind: "postgres" | "pglite";
    /** postgres: the maintenance database URL; pglite: the template data directory. */
    databaseTemplate: string;
    /**
     * postgres with the throwaway cluster: the maintenance URLs of its streaming replica and of
     * PgBouncer (pool_mode = transaction) in front of it; "" when not started (TEST_DATABASE_URL).
     */
    replicaAdminUrl: string;
    pgbouncerAdminUrl: string;
    /** JSON of the replica's ServerControl (tools/postgres.ts), for a test that stops and restarts it; "" without one. */
    replicaControl: string;
  }
}

async function preparePostgres(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stop = () => {};
  let replicaAdminUrl = "";
  let pgbouncerAdminUrl = "";
  let replicaControl = "";
  if (!adminUrl) {
    const bin = findPostgresBin();
    if (!bin) throw new Error("PostgreSQL binaries not found: install postgresql or set TEST_DATABASE_URL");
    const cluster = await startPostgres(bin);
    adminUrl = cluster.adminUrl;
    stop = () => cluster.stop();
    // Every test database created below is replicated too (test/platform/replicas.test.ts reads from it).
    const replica = await cluster.startReplica();
    replicaAdminUrl = replica.adminUrl;
    replicaControl = JSON.stringify(replica.control);
    if (hasPgBouncer() || process.env.CI === "true") pgbouncerAdminUrl = (await cluster.startPgBouncer()).adminUrl;
  }
  await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await adminQuery(adminUrl, `CREATE DATABASE ${TEMPLATE_DB}`);
  const template = openPostgres(databaseUrl(adminUrl, TEMPLATE_DB));
  await applyPendingMigrations(template);
  await template.close();
  project.provide("databaseKind", "postgres");
  project.provide("databaseTemplate", adminUrl);
  project.provide("replicaAdminUrl", replicaAdminUrl);
  project.provide("pgbouncerAdminUrl", pgbouncerAdminUrl);
  project.provide("replicaControl", replicaControl);
  return stop;
}

async function preparePGlite(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), "gateway-pglite-template-"));
  const template = openPGlite(dir);
  await applyPendingMigrations(template);
  await template.close();
  project.provide("databaseKind", "pglite");
  project.provide("databaseTemplate", dir);
  project.provide("replicaAdminUrl", "");
  project.provide("pgbouncerAdminUrl", "");
  project.provide("replicaControl", "");
  return () => rmSync(dir, { recursive: true, force: true });
}

export default async function setup(project: TestProject) {
  const kind = project.config.env.TEST_DB;
  const stop = kind === "postgres" ? await preparePostgres(project) : await preparePGlite(project);
  return stop;
}
