// npm run db:diff [-- --exit-code] — prints the SQL of the next migration (schema.prisma
// against prisma/migrations); --exit-code exits 2 when there is one.
// npm run db:diff -- --create NAME — writes it as prisma/migrations/<timestamp>_NAME/.
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { createMigration, diffSchemaAgainstMigrations } from "../src/data/migrations/migrate.ts";

const USAGE = "usage: npm run db:diff -- [--exit-code] [--create NAME]";

async function main(): Promise<number> {
  let values: { "exit-code"?: boolean; create?: string };
  try {
    ({ values } = parseArgs({ options: { "exit-code": { type: "boolean" }, create: { type: "string" } } }));
  } catch (error) {
    throw new Error(`${(error as Error).message} (${USAGE})`);
  }
  if (values.create !== undefined) {
    const folder = await createMigration(values.create);
    console.log(
      folder
        ? `created ${relative(process.cwd(), folder)}/migration.sql`
        : "schema.prisma matches prisma/migrations: nothing to create",
    );
    return 0;
  }
  const diff = await diffSchemaAgainstMigrations();
  console.log(diff.empty ? "-- schema.prisma matches prisma/migrations: nothing to migrate" : diff.sql.trimEnd());
  return diff.empty || !values["exit-code"] ? 0 : 2;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  console.error(`db:diff: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
}
// An explicit code: closing PGlite (Emscripten) resets process.exitCode to 0, and the
// engine leaves timers behind that would hold the process for about ten seconds.
process.exit(exitCode);
