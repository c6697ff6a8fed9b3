// Readiness for orchestrators: /ready answers 200 only when the database answers and every
// migration is applied, so a rolling deploy sends no traffic to an instance that would fail
// its queries. Liveness (/health: 200 while the process serves requests) is Yoga's built-in
// health check endpoint, answered before any plugin.
import type { Plugin } from "graphql-yoga";
import type { Database } from "../../data/database.ts";
import { db } from "../../data/db.ts";
import { MIGRATIONS_DIR, pendingMigrations } from "../../data/migrations/migrate.ts";

/** A readiness probe that hangs is as bad as a failing one; orchestrators time out too. */
const READY_TIMEOUT_MS = 3_000;

export interface ReadinessOptions {
  /** The database to probe; the app's own by default. */
  database?: Pick<Database, "adapterFactory" | "prisma">;
  /** Where the migrations the database must have applied live. */
  migrationsDir?: string;
}

type Readiness = { ready: true } | { ready: false; reason: string; pendingMigrations?: string[] };

function json(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function readiness({ database = db, migrationsDir = MIGRATIONS_DIR }: ReadinessOptions): Promise<Readiness> {
  let pending: string[];
  try {
    pending = await withTimeout(pendingMigrations(database, migrationsDir), READY_TIMEOUT_MS, "the database");
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { ready: false, reason: `database unreachable: ${detail}` };
  }
  if (pending.length > 0) {
    return {
      ready: false,
      reason: `${pending.length} migration(s) not applied; run npm run db:migrate`,
      pendingMigrations: pending,
    };
  }
  return { ready: true };
}

/** Answers GET /ready before any GraphQL handling (no token, no rate limit). */
export function healthPlugin(options: ReadinessOptions = {}): Plugin {
  return {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== "/ready") return;
      const state = await readiness(options);
      endResponse(state.ready ? json({ status: "ready" }, 200) : json({ status: "not ready", ...state }, 503));
    },
  };
}
