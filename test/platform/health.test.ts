import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createYoga } from "graphql-yoga";
import { afterAll, expect, test } from "vitest";
import { openPostgres } from "../../src/data/database.ts";
import { db } from "../../src/data/db.ts";
import { schema } from "../../src/app/schema.ts";
import { MIGRATIONS_DIR } from "../../src/data/migrations/migrate.ts";
import { type ReadinessOptions, healthPlugin } from "../../src/pipeline/observability/health.ts";
import { yoga } from "../../src/app/gateway.ts";

async function probe(path: string, gateway: { fetch: typeof yoga.fetch } = yoga) {
  const response = await gateway.fetch(`http://gateway.test${path}`);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

/** A bare Yoga with only the probes, pointed at another database or migrations folder. */
const probesFor = (options: ReadinessOptions) => createYoga({ schema, plugins: [healthPlugin(options)] });

const unreachable = openPostgres("postgresql://nobody:secret@127.0.0.1:1/none");
const migrationsAhead = mkdtempSync(join(tmpdir(), "gateway-migrations-"));
afterAll(async () => {
  await unreachable.close();
  rmSync(migrationsAhead, { recursive: true, force: true });
});

test("/health answers 200 without a token while the process is up", async () => {
  expect((await probe("/health", yoga)).status).toBe(200);
});

test("/ready answers 200 when the database answers and every migration is applied", async () => {
  expect(await probe("/ready")).toEqual({ status: 200, body: { status: "ready" } });
});

test("/ready answers 503 naming the migrations not yet applied", async () => {
  cpSync(MIGRATIONS_DIR, migrationsAhead, { recursive: true });
  mkdirSync(join(migrationsAhead, "29990101000000_next_release"));
  writeFileSync(join(migrationsAhead, "29990101000000_next_release", "migration.sql"), "SELECT 1;");
  const { status, body } = await probe("/ready", probesFor({ database: db, migrationsDir: migrationsAhead }));
  expect(status).toBe(503);
  expect(body).toMatchObject({ status: "not ready", pendingMigrations: ["29990101000000_next_release"] });
  expect(body.reason).toMatch(/1 migration\(s\) not applied/);
});

test("/ready answers 503 with the reason when the database cannot be reached, while /health stays 200", async () => {
  const probes = probesFor({ database: unreachable });
  const ready = await probe("/ready", probes);
  expect(ready.status).toBe(503);
  expect(ready.body.reason).toMatch(/^database unreachable: /);
  expect((await probe("/health", probes)).status).toBe(200);
});
