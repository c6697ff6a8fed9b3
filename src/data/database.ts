// Opening a database: PostgreSQL through @prisma/adapter-pg, or the embedded PGlite.
// The app's singleton lives in db.ts; tests and scripts open extra databases here.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { noticeStatement, watchCommittedWrites } from "./committed-writes.ts";
import { remainingMs } from "./deadline.ts";
import { lockDataDir } from "./embedded-lock.ts";
import { ReplicaSet } from "./replicas/replica-set.ts";
import { routed, routedAdapterFactory } from "./replicas/read-routing.ts";
import { env } from "../config/env.ts";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";

export interface Database {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  /** The adapter factory, also used by the migration engine. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /**
   * Runs one tagged, parameterized statement (\`Prisma.sql\`) on the driver directly, without
   * Prisma's query layer: for the hot read paths, where Prisma's per-row work is most of the
   * CPU time of a request (docs/PERFORMANCE.md). PostgreSQL runs it as a prepared statement.
   */
  query<Row>(sql: Prisma.Sql): Promise<Row[]>;
  /** The PostgreSQL pool (absent for PGlite): the primary's. */
  pool?: pg.Pool;
  /** The read replicas (DATABASE_REPLICA_URLS), when there are any. */
  replicas?: ReplicaSet;
  /** Where the database lives, without credentials, for log lines. */
  describe: string;
  close(): Promise<void>;
}

/** A statement's text, and its parameters when it was sent with db.query (Prisma's logs give text only). */
type QueryListener = (sql: string, values?: readonly unknown[]) => void;
const queryListeners = new Set<QueryListener>();

/** Subscribe to every SQL statement the client sends (TRACE_SQL=true or NODE_ENV=test). */
export function onQuery(listener: QueryListener): () => void {
  queryListeners.add(listener);
  return () => queryListeners.delete(listener);
}

function notify(sql: string, values?: readonly unknown[]): void {
  if (env.traceSql) for (const listener of queryListeners) listener(sql, values);
}

/**
 * Wraps each statement sent with `query` (OpenTelemetry spans, src/pipeline/observability/tracing.ts); Prisma traces
 * its own.
 */
export type QueryTracer = <T>(text: string, run: () => Promise<T>) => Promise<T>;
let tracer: QueryTracer | undefined;

export function traceQueries(next: QueryTracer | undefined): void {
  tracer = next;
}

async function run<Row>(sql: Prisma.Sql, send: () => Promise<Row[]>): Promise<Row[]> {
  notify(sql.text, sql.values);
  const rows = await (tracer ? tracer(sql.text, send) : send());
  await noticeStatement(sql.text, rows);
  return rows;
}

// Statement texts come from code, never from input, so there are few; each gets a name once and
// is prepared on each pooled connection the first time that connection runs it.
const statementNames = new Map<string, string>();
const MAX_PREPARED = 500;

function preparedName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (!name && statementNames.size < MAX_PREPARED) statementNames.set(text, (name = `gw${statementNames.size}`));
  return name;
}

function createClient(factory: SqlMigrationAwareDriverAdapterFactory): PrismaClient {
  // Every committed write is noticed here, whatever sends it (src/data/committed-writes.ts).
  const adapter = watchCommittedWrites(factory);
  if (!env.traceSql) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => {
    for (const listener of queryListeners) listener(event.query);
  });
  return client;
}

/** Opening a new connection (TCP, authentication) may take this long, within the deadline. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * A pool whose callers wait for a busy pool's next free connection as long as their deadline
 * allows (src/data/deadline.ts), instead of one fixed timeout for everyone. pg-pool reads
 * connectionTimeoutMillis synchronously inside connect(), for both the queued wait and a new
 * connection, so it is set per call; pg-pool offers no per-call timeout to do this with.
 */
type ConnectCallback = (
  err: Error | undefined,
  client: pg.PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;
/** The parts of pg-pool's state the deadline needs (JavaScript fields its types do not declare). */
type PoolInternals = { options: { connectionTimeoutMillis: number }; _isFull(): boolean; _idle: unknown[] };

class DeadlinePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  // biome-ignore lint/suspicious/noConfusingVoidType: pg.Pool's own overload returns void with a callback
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const pool = this as unknown as PoolInternals;
    const waitsInQueue = pool._isFull() || pool._idle.length > 0;
    const remaining = Math.max(1, remainingMs());
    pool.options.connectionTimeoutMillis = waitsInQueue ? remaining : Math.min(CONNECT_TIMEOUT_MS, remaining);
    try {
      return callback ? super.connect(callback) : super.connect();
    } finally {
      pool.options.connectionTimeoutMillis = CONNECT_TIMEOUT_MS;
    }
  }
}

/**
 * A pool whose every connection (Prisma's and db.query's) cancels a statement after
 * `statementTimeoutMs` (STATEMENT_TIMEOUT): the client gets LIMIT_EXCEEDED (src/graphql/execution/masking.ts)
 * and the connection goes back to the pool at once. 0 means no limit. Behind a transaction
 * pooler (DATABASE_TRANSACTION_POOLING) the setting is not sent: PgBouncer refuses a startup
 * parameter it does not know, and a session setting would not follow the next transaction;
 * there the limit is the role's (`ALTER ROLE … SET statement_timeout`, README "Deployment").
 */
function openPool(connectionString: string, statementTimeoutMs: number): pg.Pool {
  const pool = new DeadlinePool({
    connectionString,
    max: env.dbPoolSize,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    ...(statementTimeoutMs > 0 && !env.transactionPooling ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // A client losing its connection must not crash the process. The pool listens on idle clients
  // ("error" below) but not on checked-out ones: a transaction's client cut between two
  // statements (PostgreSQL shutting down) emitted an unhandled 'error' and killed the process.
  // Its next statement fails instead ("Client has encountered a connection error"), answered
  // 503, and the pool discards it when it is released.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** Where a database lives, without credentials, for log lines. */
export function describeUrl(connectionString: string): string {
  const url = new URL(connectionString);
  return `postgresql://${url.host}${url.pathname}`;
}

/** One statement sent past Prisma; prepared by name unless a transaction pooler sits in between. */
function sendStatement<Row>(pool: pg.Pool, sql: Prisma.Sql): Promise<Row[]> {
  const name = env.transactionPooling ? undefined : preparedName(sql.text);
  return pool.query({ name, text: sql.text, values: sql.values }).then((result) => result.rows as Row[]);
}

/**
 * PostgreSQL; with `replicaUrls`, reads that may leave the primary go to those read replicas
 * (src/data/replicas/read-routing.ts) while everything else stays on the primary.
 */
export function openPostgres(
  connectionString: string,
  statementTimeoutMs = env.statementTimeoutMs,
  replicaUrls: readonly string[] = [],
): Database {
  const pool = openPool(connectionString, statementTimeoutMs);
  const replicas = replicaUrls.length
    ? new ReplicaSet(
        pool,
        replicaUrls.map((url) => ({ describe: describeUrl(url), pool: openPool(url, statementTimeoutMs) })),
        env.replicaMaxLagMs,
      )
    : undefined;
  const primaryFactory = new PrismaPg(pool);
  const adapterFactory = replicas
    ? routedAdapterFactory(primaryFactory, replicas, (replica) => new PrismaPg(replica.pool))
    : primaryFactory;
  const prisma = createClient(adapterFactory);
  const send = <Row>(sql: Prisma.Sql) =>
    replicas
      ? routed(replicas, sql.text, (replica) => sendStatement<Row>(replica?.pool ?? pool, sql))
      : sendStatement<Row>(pool, sql);
  return {
    kind: "postgres",
    prisma,
    adapterFactory: primaryFactory,
    query: <Row>(sql: Prisma.Sql) => run(sql, () => send<Row>(sql)),
    pool,
    replicas,
    describe: describeUrl(connectionString),
    async close() {
      await prisma.$disconnect();
      await replicas?.close();
      await pool.end();
    },
  };
}

export function openPGlite(dataDir: string): Database {
  // PGlite starts its engine and creates DATA_DIR as soon as it is constructed, so it is
  // constructed on first use: importing the schema (e.g. to print it) opens no database.
  let pglite: PGlite | undefined;
  let adapter: PrismaPGlite | undefined;
  let unlock = () => {};
  const open = () => {
    if (!dataDir.startsWith("memory://")) unlock = lockDataDir(dataDir);
    return new PrismaPGlite((pglite = new PGlite(dataDir)));
  };
  const current = () => (adapter ??= open());
  const adapterFactory: SqlMigrationAwareDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "pglite-lazy",
    connect: () => current().connect(),
    connectToShadowDb: () => current().connectToShadowDb(),
  };
  const prisma = createClient(adapterFactory);
  return {
    kind: "pglite",
    prisma,
    adapterFactory,
    query: <Row>(sql: Prisma.Sql) =>
      run(sql, async () => {
        current();
        return (await pglite!.query<Row>(sql.text, sql.values)).rows;
      }),
    describe: `pglite ${dataDir}`,
    async close() {
      await prisma.$disconnect();
      await pglite?.close();
      unlock();
    },
  };
}
