// Which server a statement goes to. Only reads that asked for it leave the primary: a query
// operation (and a subscription event's read) runs inside `readsAt`, and its statements go to
// one replica chosen for the whole operation — one that has replayed the position the reader
// needs (read-your-writes), or the primary when none has. Everything else — mutations and all
// inside them, transactions, idempotency claims, jobs, the provisioning executor, scripts —
// runs outside it and so on the primary, as does any statement that writes. A read a replica
// fails (connection lost, server stopping, a recovery conflict) is sent again to the primary:
// reads never fail because a replica did.
import { AsyncLocalStorage } from "node:async_hooks";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import { isWriteStatement } from "../committed-writes.ts";
import type { Replica, ReplicaSet } from "./replica-set.ts";
import type { WalPosition } from "./wal-position.ts";

interface ReadRoute {
  needed?: WalPosition;
  /** How long the choice may wait for a replica to replay `needed` before taking the primary. */
  waitMs?: number;
  chosen?: Promise<Replica | undefined>;
}

const routes = new AsyncLocalStorage<ReadRoute | undefined>();

/** Runs `work` with its reads allowed on a replica that has replayed `needed` (any replica without it). */
export function readsAt<T>(needed: WalPosition | undefined, work: () => T, waitMs = 0): T {
  return routes.run({ needed, waitMs }, work);
}

/** Runs `work` with every statement on the primary, even inside a read's `readsAt`. */
export function onPrimary<T>(work: () => T): T {
  return routes.run(undefined, work);
}

// Connection failures and the server going away: the replica is taken out of rotation.
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
]);
const CONNECTION_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const CONNECTION_MESSAGE =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|ended/i;

function causes(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (let at = error; at && typeof at === "object" && found.length < 5; at = (at as { cause?: unknown }).cause) {
    found.push(at as Record<string, unknown>);
  }
  return found;
}

/** Whether a replica's failure says the replica (not the statement) is at fault. */
export function isReplicaDown(error: unknown): boolean {
  return causes(error).some((cause) => {
    const code = String(cause.originalCode ?? cause.code ?? "");
    if (CONNECTION_CODES.has(code) || code.startsWith("08")) return true;
    if (CONNECTION_KINDS.has(String(cause.kind))) return true;
    return typeof cause.message === "string" && CONNECTION_MESSAGE.test(cause.message) && !code;
  });
}

/** A recovery conflict cancels a replica's statement (40001); the primary has none. */
function isRecoveryConflict(error: unknown): boolean {
  return causes(error).some((cause) => String(cause.originalCode ?? cause.code) === "40001");
}

/**
 * Runs a read on the operation's replica when it may use one, else on the primary; the replica's
 * failure sends it to the primary. `send` runs the statement on a replica, or on the primary (undefined).
 */
export async function routed<T>(
  replicas: ReplicaSet,
  sql: string,
  send: (replica: Replica | undefined) => Promise<T>,
): Promise<T> {
  const route = routes.getStore();
  if (!route || isWriteStatement(sql)) return send(undefined);
  const replica = await (route.chosen ??= replicas.choose(route.needed, route.waitMs).catch(() => undefined));
  if (!replica) {
    replicas.reads.primary += 1;
    return send(undefined);
  }
  try {
    const result = await send(replica);
    replicas.reads.replica += 1;
    return result;
  } catch (error) {
    if (isReplicaDown(error)) {
      replicas.takeOut(replica, `failed a read: ${(error as Error).message}`);
      route.chosen = Promise.resolve(undefined);
    } else if (!isRecoveryConflict(error)) {
      throw error;
    }
    replicas.reads.primary += 1;
    return send(undefined);
  }
}

/**
 * Prisma's adapter factory with reads outside transactions routed as above: `replicaFactory`
 * makes one replica's factory (PrismaPg on its pool). Transactions and scripts use the primary.
 */
export function routedAdapterFactory<F extends SqlDriverAdapterFactory>(
  primary: F,
  replicas: ReplicaSet,
  replicaFactory: (replica: Replica) => SqlDriverAdapterFactory,
): F {
  const adapters = new Map<Replica, Promise<SqlDriverAdapter>>();
  const adapterOf = (replica: Replica) => {
    let adapter = adapters.get(replica);
    if (!adapter) adapters.set(replica, (adapter = replicaFactory(replica).connect()));
    return adapter;
  };
  const routeAdapter = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    const queryRaw = (query: SqlQuery) =>
      routed(replicas, query.sql, async (replica) =>
        replica ? (await adapterOf(replica)).queryRaw(query) : adapter.queryRaw(query),
      );
    return new Proxy(adapter, {
      get(object, property) {
        if (property === "queryRaw") return queryRaw;
        const value = Reflect.get(object, property, object);
        return typeof value === "function" ? value.bind(object) : value;
      },
    });
  };
  return new Proxy(primary, {
    get(object, property) {
      if (property === "connect") return async () => routeAdapter(await object.connect());
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
