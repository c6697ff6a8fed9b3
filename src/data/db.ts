// The app's database, a module singleton: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite database persisted under DATA_DIR. `prisma` for writes and ordinary reads;
// `db.query` and `rowsByIds` for the hot reads that skip Prisma's query layer.
import { type Database, openPGlite, openPostgres } from "./database.ts";
import { env } from "../config/env.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { reviveDates, selectFields } from "./sql.ts";

export type { Database } from "./database.ts";

export const db: Database = env.databaseUrl ? openPostgres(env.databaseUrl) : openPGlite(env.dataDir);
export const prisma = db.prisma;

/** Rows of `table` by id, in no particular order (DataLoader's `sort` puts them in key order). */
export async function rowsByIds<Row>(
  table: string,
  fields: Record<string, string>,
  ids: readonly number[],
  dates: readonly string[],
): Promise<Row[]> {
  const rows = await db.query<Record<string, unknown>>(
    Prisma.sql`SELECT ${selectFields(fields, "r", dates)} FROM ${Prisma.raw(table)} r WHERE r.id = ANY(${[...ids]}::int[])`,
  );
  return reviveDates<Row>(rows, dates);
}
