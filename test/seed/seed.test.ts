// The demo seed: documented volumes, consistent production data, and the same rows every time.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { SEED_TABLES, type SeedReport, countRows, isSeeded, seedDemoData } from "../../src/data/seed/index.ts";

/** Migrated once; every fresh database is a clone, since loading the schema engine costs seconds. */
let template: Promise<PGlite> | undefined;
async function migratedTemplate(): Promise<PGlite> {
  const pglite = new PGlite();
  const adapterFactory = new PrismaPGlite(pglite);
  await applyPendingMigrations({ adapterFactory, prisma: new PrismaClient({ adapter: adapterFactory }) });
  return pglite;
}

/** A fresh, migrated, empty database; the only place that knows which engine runs the test. */
async function freshDatabase(): Promise<{ prisma: PrismaClient; close(): Promise<void> }> {
  template ??= migratedTemplate();
  const pglite = (await (await template).clone()) as PGlite;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    prisma,
    async close() {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Every database here is seeded relative to the same instant, so their rows can be compared. */
const NOW = new Date("2026-06-01T00:00:00Z");
const opened: Array<{ close(): Promise<void> }> = [];
async function seeded(scale: number): Promise<{ prisma: PrismaClient; report: SeedReport }> {
  const database = await freshDatabase();
  opened.push(database);
  expect(await isSeeded(database.prisma)).toBe(false);
  return { prisma: database.prisma, report: await seedDemoData(database.prisma, { scale, now: NOW }) };
}
afterAll(async () => {
  for (const database of opened) await database.close();
  await (await template)?.close();
});

/** One md5 per table over all its rows in key order: equal digests mean equal tables. */
async function tableDigests(prisma: PrismaClient): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of SEED_TABLES) {
    const key = table === "batch_tech" ? "batch_id, user_id" : "id";
    const [row] = await prisma.$queryRawUnsafe<{ digest: string }[]>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY ${key})) AS digest FROM "${table}" t`,
    );
    digests[table] = row!.digest;
  }
  return digests;
}

const one = <T>(rows: T[]): T => rows[0]!;

describe("seedDemoData at scale 1", () => {
  let prisma: PrismaClient;
  let report: SeedReport;
  beforeAll(async () => ({ prisma, report } = await seeded(1)), 120_000);

  it("writes the documented volumes and reports them", async () => {
    expect(report.rows).toMatchObject({
      location: 3,
      customer: 3,
      program: 6,
      project: 12,
      work_order: 10,
      queue: 5,
      app_user: 20,
      batch: 100,
      cycle: 2000,
      batch_relation: 175,
      letter_batch: 20,
      letter: 500,
      process_status: 300,
      message: 500,
      subscription: 200,
      provisioning_batch: 20,
      provisioning_request: 200,
    });
    // 1–5 techs per batch; every letter has at least its PENDING entry; not every request has an order.
    expect(report.rows.batch_tech).toBeGreaterThanOrEqual(100);
    expect(report.rows.batch_tech).toBeLessThanOrEqual(500);
    expect(report.rows.letter_status_change).toBeGreaterThan(500);
    expect(report.rows.provisioning_order).toBeLessThan(200);
    expect(report.rows.provisioning_event).toBeGreaterThan(0);
    expect(report.totalRows).toBe(Object.values(report.rows).reduce((a, b) => a + b, 0));
    expect(await countRows(prisma)).toEqual(report.rows);
    expect(await isSeeded(prisma)).toBe(true);
  });

  it("gives every batch exactly number_cycles cycles at positions 1..n, 20 on average", async () => {
    const mismatched = await prisma.$queryRawUnsafe<unknown[]>(
      `SELECT b.id FROM batch b LEFT JOIN cycle c ON c.batch_id = b.id GROUP BY b.id
       HAVING count(c.id) <> b.number_cycles OR min(c.position) <> 1 OR max(c.position) <> b.number_cycles
         OR count(DISTINCT c.position) <> b.number_cycles`,
    );
    expect(mismatched).toEqual([]);
    const { average } = one(
      await prisma.$queryRawUnsafe<{ average: number }[]>("SELECT avg(number_cycles)::float AS average FROM batch"),
    );
    expect(average).toBe(20);
  });

  it("keeps batches consistent with their queue, work order and cycles", async () => {
    const { bad } = one(
      await prisma.$queryRawUnsafe<{ bad: number }[]>(
        `SELECT count(*)::int AS bad FROM batch b JOIN queue q ON q.id = b.queue_id JOIN work_order w ON w.id = b.work_order_id
       WHERE b.location_id <> q.location_id OR b.due_date IS DISTINCT FROM w.due_date
         OR EXISTS (SELECT 1 FROM cycle c WHERE c.batch_id = b.id AND (c.work_order_id <> b.work_order_id OR c.location_id <> b.location_id))
         OR NOT EXISTS (SELECT 1 FROM batch_tech t WHERE t.batch_id = b.id)`,
      ),
    );
    expect(bad).toBe(0);
  });

  it("mixes all six status categories, with the customer's labels, in batches and in cycles", async () => {
    for (const table of ["batch", "cycle"]) {
      const rows = await prisma.$queryRawUnsafe<{ category: string; label: string; ord: number }[]>(
        `SELECT DISTINCT status_category::text AS category, status_label AS label, status_order AS ord FROM ${table} ORDER BY ord`,
      );
      expect(rows).toEqual([
        { category: "PENDING", label: "Pending", ord: 3 },
        { category: "IN_PROGRESS", label: "In Progress", ord: 4 },
        { category: "VERIFYING", label: "Verifying", ord: 5 },
        { category: "BLOCKED", label: "Blocked", ord: 6 },
        { category: "COMPLETE", label: "Complete", ord: 7 },
        { category: "CANCELLED", label: "Cancelled", ord: 8 },
      ]);
    }
  });

  it("leaves some messages scheduled in the future and some cancelled", async () => {
    const scheduled = (scheduledAt: object) => prisma.message.count({ where: { status: "SCHEDULED", scheduledAt } });
    expect(await scheduled({ gt: NOW })).toBeGreaterThan(10);
    expect(await scheduled({ lte: NOW })).toBe(0);
    expect(await prisma.message.count({ where: { status: "CANCELLED", cancelledAt: { not: null } } })).toBeGreaterThan(
      10,
    );
  });

  it("moves id sequences past the seeded rows, so the app's inserts do not collide", async () => {
    const location = await prisma.location.create({ data: { label: "New site" } });
    expect(location.id).toBe(4);
    const message = await prisma.message.create({ data: { recipient: "+48500000000", sender: "Test", text: "hi" } });
    expect(message.id).toBe(501);
  });
});

describe("seedDemoData across runs and scales", () => {
  it("writes nothing when it fails part-way", async () => {
    const database = await freshDatabase();
    opened.push(database);
    // Messages are seeded after production and letters; this row makes that step collide on id 1.
    await database.prisma.message.create({ data: { recipient: "+48500000000", sender: "Test", text: "in the way" } });
    await expect(seedDemoData(database.prisma, { scale: 1 })).rejects.toThrow();
    const rows = await countRows(database.prisma);
    expect(Object.entries(rows).filter(([, n]) => n > 0)).toEqual([["message", 1]]);
  }, 120_000);

  it("produces identical rows in two fresh databases, and again after a reset", async () => {
    const [first, second] = [await seeded(1), await seeded(1)];
    const digests = await tableDigests(first.prisma);
    expect(await tableDigests(second.prisma)).toEqual(digests);
    // Reseeding over the top with reset reproduces them too (the reset empties the tables in the seed's transaction).
    await seedDemoData(first.prisma, { scale: 1, reset: true, now: NOW });
    expect(await tableDigests(first.prisma)).toEqual(digests);
  }, 120_000);

  it("grows the large tables linearly with the scale", async () => {
    const { report } = await seeded(2);
    expect(report.rows).toMatchObject({
      batch: 200,
      cycle: 4000,
      letter: 1000,
      message: 1000,
      process_status: 600,
      provisioning_request: 400,
    });
    expect(report.rows.location).toBe(3);
  }, 120_000);
});
