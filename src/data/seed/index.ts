// Deterministic demo data for all five domains, written set-based in one transaction.
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { seedLetters } from "./letters.ts";
import { seedMessages } from "./messages.ts";
import { seedProcesses } from "./processes.ts";
import { seedProductionBatches } from "./production-batches.ts";
import { seedProductionOrganisation } from "./production.ts";
import { seedProvisioning } from "./provisioning.ts";
import { setSeedTime, type Sql } from "./sql.ts";

/** Every table the seed writes, parents before children. */
export const SEED_TABLES = [
  "location",
  "customer",
  "program",
  "project",
  "work_order",
  "queue",
  "app_user",
  "batch",
  "cycle",
  "batch_tech",
  "batch_relation",
  "letter_batch",
  "letter",
  "letter_status_change",
  "process_status",
  "message",
  "subscription",
  "provisioning_batch",
  "provisioning_order",
  "provisioning_request",
  "provisioning_event",
] as const;

export type SeedTable = (typeof SEED_TABLES)[number];

export interface SeedReport {
  scale: number;
  /** The instant the data is relative to. */
  now: Date;
  rows: Record<SeedTable, number>;
  totalRows: number;
  elapsedMs: number;
}

export interface SeedOptions {
  /** 1 ≈ 100 production batches × 20 cycles; the large tables grow linearly with it. */
  scale: number;
  log?: (line: string) => void;
  /** Empty the domain tables first, in the same transaction: if seeding fails, the old data stays. */
  reset?: boolean;
  /**
   * The instant the demo data is relative to (history before it, scheduled work after it); the
   * time of seeding unless given. The same scale and `now` always yield the same rows.
   */
  now?: Date;
}

const STEPS: ReadonlyArray<readonly [string, (sql: Sql, scale: number) => Promise<void>]> = [
  ["production organisation", seedProductionOrganisation],
  ["production batches", seedProductionBatches],
  ["letters", seedLetters],
  ["process statuses", seedProcesses],
  ["messages", seedMessages],
  // After process statuses: each provisioning batch appends the process status it points at.
  ["provisioning", seedProvisioning],
];

/** Tables with a serial id; the seed writes explicit ids, so their sequences must be moved past them. */
const SERIAL_TABLES = SEED_TABLES.filter((table) => table !== "batch_tech");

export async function seedDemoData(prisma: PrismaClient, options: SeedOptions): Promise<SeedReport> {
  const { scale, log = () => {}, reset = false, now = new Date() } = options;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`seed scale must be an integer ≥ 1, got ${scale}`);
  if (Number.isNaN(now.getTime())) throw new RangeError("seed now must be a valid instant");
  const started = performance.now();
  await prisma.$transaction(
    async (tx) => {
      // Estimates for generate_series and just-filled tables are huge, which makes PostgreSQL JIT-compile
      // every statement: ~200 ms each, more than the statements themselves take.
      await tx.$executeRawUnsafe("SET LOCAL jit = off");
      // Seeding scale 100 runs statements longer than a request's STATEMENT_TIMEOUT.
      await tx.$executeRawUnsafe("SET LOCAL statement_timeout = 0");
      // Window functions sort up to 200,000 rows per 100 of scale; keep those sorts in memory.
      await tx.$executeRawUnsafe("SET LOCAL work_mem = '64MB'");
      await tx.$executeRawUnsafe(setSeedTime(now));
      if (reset) await truncateDemoData(tx);
      for (const [name, step] of STEPS) {
        const stepStarted = performance.now();
        await step(tx, scale);
        log(`seeded ${name} in ${Math.round(performance.now() - stepStarted)} ms`);
      }
      for (const table of SERIAL_TABLES) {
        await tx.$executeRawUnsafe(
          `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM "${table}"`,
        );
      }
    },
    // Scale 100 takes seconds on PostgreSQL; large scales on PGlite take minutes.
    { maxWait: 30_000, timeout: 3_600_000 },
  );
  // Fresh statistics so the first queries after seeding get sensible plans; outside the transaction so it holds no
  // locks.
  await prisma.$executeRawUnsafe(`ANALYZE ${SEED_TABLES.map((t) => `"${t}"`).join(", ")}`);
  const rows = await countRows(prisma);
  const totalRows = Object.values(rows).reduce((sum, n) => sum + n, 0);
  const elapsedMs = Math.round(performance.now() - started);
  log(`seeded ${totalRows} rows at scale ${scale}, relative to ${now.toISOString()}, in ${elapsedMs} ms`);
  return { scale, now, rows, totalRows, elapsedMs };
}

export async function countRows(prisma: PrismaClient): Promise<Record<SeedTable, number>> {
  const select = SEED_TABLES.map((t) => `(SELECT count(*) FROM "${t}")::int AS "${t}"`).join(", ");
  const [counts] = await prisma.$queryRawUnsafe<Record<SeedTable, number>[]>(`SELECT ${select}`);
  return counts!;
}

/** Whether any seeded table already has rows (then seeding again would collide on ids). */
export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  const any = SEED_TABLES.map((t) => `EXISTS (SELECT 1 FROM "${t}")`).join(" OR ");
  const [result] = await prisma.$queryRawUnsafe<{ seeded: boolean }[]>(`SELECT ${any} AS seeded`);
  return result!.seeded;
}

/** Empties every domain table (and the idempotency store) and restarts their ids. */
export async function truncateDemoData(sql: Sql): Promise<void> {
  const tables = [...SEED_TABLES, "idempotent_request"].map((t) => `"${t}"`).join(", ");
  await sql.$executeRawUnsafe(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
}
