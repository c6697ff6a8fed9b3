// npm run seed -- [--scale N] [--reset] [--now INSTANT]
// Fills the configured database (DATABASE_URL, else the embedded one under DATA_DIR) with demo data.
import { parseArgs } from "node:util";
import { db } from "../src/data/db.ts";
import { applyPendingMigrations } from "../src/data/migrations/migrate.ts";
import { isSeeded, seedDemoData } from "../src/data/seed/index.ts";

const USAGE = "usage: npm run seed -- [--scale N] [--reset] [--now 2026-06-01T00:00:00Z]";

/** Returns the one-line reason to refuse, or undefined once seeded. */
async function main(): Promise<string | undefined> {
  let values: { scale?: string; reset?: boolean; now?: string };
  try {
    const options = { scale: { type: "string" }, reset: { type: "boolean" }, now: { type: "string" } } as const;
    ({ values } = parseArgs({ options }));
  } catch (error) {
    return `seed: ${(error as Error).message} (${USAGE})`;
  }
  const scale = Number(values.scale ?? "1");
  if (!Number.isInteger(scale) || scale < 1)
    return `seed: --scale must be an integer ≥ 1, got "${values.scale}" (${USAGE})`;
  // The data is relative to this instant: the time of seeding, or a fixed one to reproduce the same rows.
  const now = values.now === undefined ? new Date() : new Date(values.now);
  if (Number.isNaN(now.getTime())) {
    return `seed: --now must be an ISO instant such as 2026-06-01T00:00:00Z, got "${values.now}" (${USAGE})`;
  }
  // A fresh embedded database has no tables yet; the server would migrate it on start, so do the same.
  await applyPendingMigrations(db, (line) => console.log(line));
  if (!values.reset && (await isSeeded(db.prisma))) {
    return `seed: ${db.describe} already has data; run with --reset to replace it`;
  }
  const report = await seedDemoData(db.prisma, { scale, now, reset: values.reset, log: (line) => console.log(line) });
  console.log(`\n${db.describe}, scale ${report.scale}: ${report.totalRows} rows in ${report.elapsedMs} ms`);
  for (const [table, rows] of Object.entries(report.rows)) console.log(`  ${table.padEnd(22)} ${rows}`);
  return undefined;
}

// Exit explicitly: PGlite resets process.exitCode when it closes, and the migration engine leaves timers behind.
let code = 0;
try {
  const refusal = await main();
  if (refusal) {
    console.error(refusal);
    code = 1;
  }
} catch (error) {
  console.error(`seed: ${error instanceof Error ? error.message : error}`);
  code = 1;
} finally {
  await db.close();
}
process.exit(code);
