// The app's Prisma client, a module singleton: PostgreSQL when DATABASE_URL is set,
// otherwise the embedded PGlite database persisted under DATA_DIR.
import { type Database, openPGlite, openPostgres } from "./database.ts";
import { env } from "./env.ts";

export type { Database } from "./database.ts";

export const db: Database = env.databaseUrl ? openPostgres(env.databaseUrl) : openPGlite(env.dataDir);
export const prisma = db.prisma;
