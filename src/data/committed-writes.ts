// Noticing every committed write, whoever sends it: a mutation, a background job, a script,
// or code written next year. Every statement the app sends goes through the Prisma driver
// adapter (or db.query), so the adapter is wrapped: a statement that inserts, updates or
// deletes rows marks its transaction, and once that transaction has committed (at once, for a
// statement outside one) the listeners run — the response cache's write epoch
// (src/pipeline/delivery/write-epoch.ts). The commit's caller waits for them, so when a mutation answers,
// or a job pass ends, no cached read from before it can be served any more.
import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { logger } from "../config/logger.ts";

type Listener = () => unknown;
const listeners = new Set<Listener>();

/** Runs `listener` after every committed write (awaited by the writer). */
export function onCommittedWrite(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

async function notifyCommittedWrite(): Promise<void> {
  await Promise.all(
    [...listeners].map(async (listener) => {
      try {
        await listener();
      } catch (error) {
        logger.warn({ err: error }, "a committed-write listener failed");
      }
    }),
  );
}

// Row locks (SELECT … FOR UPDATE) change nothing; every other statement naming a DML verb may.
const LOCKING_CLAUSE = /\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b/gi;
const DML = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE)\b/i;
const verdicts = new Map<string, boolean>();

/** Whether a statement can change rows (cached per statement text, which comes from code). */
export function isWriteStatement(sql: string): boolean {
  let verdict = verdicts.get(sql);
  if (verdict === undefined) {
    verdict = DML.test(sql.replace(LOCKING_CLAUSE, ""));
    if (verdicts.size < 5_000) verdicts.set(sql, verdict);
  }
  return verdict;
}

/** Whether a statement's result says it changed rows (a RETURNING statement that returned none did not). */
export function changedRows(sql: string, result: { rowCount: number } | { rows: readonly unknown[] }): boolean {
  if (!isWriteStatement(sql)) return false;
  if ("rowCount" in result) return result.rowCount > 0;
  return result.rows.length > 0 || !/\bRETURNING\b/i.test(sql);
}

/** Runs a statement's methods, calling `changed` after one that changed rows. */
function watchStatements<T extends object>(target: T, changed: () => unknown, extra: Record<string, unknown> = {}): T {
  const watched: Record<string, unknown> = {
    async queryRaw(query: SqlQuery) {
      const result: SqlResultSet = await (target as unknown as SqlDriverAdapter).queryRaw(query);
      if (changedRows(query.sql, result)) await changed();
      return result;
    },
    async executeRaw(query: SqlQuery) {
      const rowCount = await (target as unknown as SqlDriverAdapter).executeRaw(query);
      if (changedRows(query.sql, { rowCount })) await changed();
      return rowCount;
    },
    ...extra,
  };
  return new Proxy(target, {
    get(object, property) {
      if (typeof property === "string" && property in watched) return watched[property];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** A transaction that remembers whether it wrote, and tells the listeners once it has committed. */
function watchTransaction(transaction: Transaction): Transaction {
  let wrote = false;
  return watchStatements(transaction, () => (wrote = true), {
    async commit() {
      await transaction.commit();
      if (wrote) await notifyCommittedWrite();
    },
  });
}

/** The adapter factory with every connection's writes watched (see the top of this file). */
export function watchCommittedWrites<F extends SqlDriverAdapterFactory>(factory: F): F {
  const watchAdapter = (adapter: SqlDriverAdapter) =>
    watchStatements(adapter, notifyCommittedWrite, {
      startTransaction: async (isolationLevel?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) =>
        watchTransaction(await adapter.startTransaction(isolationLevel)),
    });
  return new Proxy(factory, {
    get(object, property) {
      if (property === "connect") return async () => watchAdapter(await object.connect());
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

/** For statements sent past Prisma (db.query): a write outside a transaction has committed when it returns. */
export async function noticeStatement(sql: string, rows: readonly unknown[]): Promise<void> {
  if (changedRows(sql, { rows })) await notifyCommittedWrite();
}
