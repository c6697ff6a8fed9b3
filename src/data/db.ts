// The app's database, a module singleton: PostgreSQL when DATABASE_URL is set, otherwise the
// embedded PGlite database persisted under DATA_DIR. `prisma` for writes and ordinary reads;
// `db.query` and `rowsByIds` for the hot reads that skip Prisma's query layer.
import { type Database, openPGlite, openPostgres } from "./database.ts";
import { env } from "../config/env.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { reviveDates, selectFields } from "./sql.ts";
import { onPrimary, readsAt } from "./replicas/read-routing.ts";
import type { WalPosition } from "./replicas/wal-position.ts";

export type { Database } from "./database.ts";

export const db: Database = env.databaseUrl
  ? openPostgres(env.databaseUrl, env.statementTimeoutMs, env.replicaUrls)
  : openPGlite(env.dataDir);
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

/**
 * Runs a read-only operation with its statements on a read replica that has replayed `needed`
 * (the reader's last commit), or on the primary (src/data/replicas/read-routing.ts).
 */
export function readsFromReplica<T>(needed: WalPosition | undefined, work: () => T): T {
  return db.replicas ? readsAt(needed, work) : work();
}

/**
 * How long a subscription event's read waits for a replica to replay the commit it announces
 * before it reads the primary instead: events are announced the moment their commit returns.
 */
const EVENT_REPLAY_WAIT_MS = 250;

/** Runs a read that must see every commit made before it began (a subscription's event). */
export async function readsAfterLatestCommit<T>(work: () => Promise<T>): Promise<T> {
  const replicas = db.replicas;
  if (!replicas) return work();
  const needed = await replicas.primaryPosition().catch(() => undefined);
  // Unknown (the primary is away): the primary itself answers, or fails as it would anyway.
  return needed === undefined ? onPrimary(work) : readsAt(needed, work, EVENT_REPLAY_WAIT_MS);
}

/** The primary's WAL position after a writer's commits, for its next reads; undefined without replicas. */
export async function committedPosition(): Promise<WalPosition | undefined> {
  return db.replicas?.primaryPosition().catch(() => undefined);
}
