// npm run db:migrate — applies pending migrations to DATABASE_URL, else the embedded
// database under DATA_DIR. Failure is one line on stderr and exit code 1.
import { db } from "../src/data/db.ts";
import { applyPendingMigrations } from "../src/data/migrations/migrate.ts";

let exitCode = 0;
try {
  const applied = await applyPendingMigrations(db, (line) => console.log(line));
  console.log(applied.length ? `${db.describe}: applied ${applied.join(", ")}` : `${db.describe}: nothing to apply`);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  // Prisma client errors span several lines; a failed deploy step should read as one.
  console.error(
    `db:migrate: ${db.describe}: ${message
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .join(" ")}`,
  );
  exitCode = 1;
} finally {
  await db.close().catch(() => {});
}
// An explicit code: closing PGlite (Emscripten) resets process.exitCode to 0, and the
// engine leaves timers behind that would hold the process for about ten seconds.
process.exit(exitCode);
