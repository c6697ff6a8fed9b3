// Configuration, read and checked once. Every variable is listed in the README.
import { availableParallelism } from "node:os";

export class ConfigError extends Error {
  override name = "ConfigError";
}

function integer(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  }
  return value;
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses a duration such as "7d", "12h", "30m", "45s" or "500ms" into milliseconds. */
export function parseDuration(raw: string): number | undefined {
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(raw.trim());
  return match ? Number(match[1]) * DURATION_UNITS[match[2]!]! : undefined;
}

/** The shortest way to write a duration in milliseconds, e.g. 86400000 → "24h", 90000 → "90s". */
export function formatDuration(ms: number): string {
  for (const unit of ["h", "m", "s"] as const) {
    if (ms % DURATION_UNITS[unit]! === 0) return `${ms / DURATION_UNITS[unit]!}${unit}`;
  }
  return `${ms}ms`;
}

function duration(name: string, fallback: string, allowZero = false): number {
  const raw = process.env[name] || fallback;
  if (allowZero && raw.trim() === "0") return 0;
  const value = parseDuration(raw);
  if (value === undefined || value <= 0) {
    throw new ConfigError(`${name} must be a positive duration like 7d, 12h, 30m or 45s, got "${raw}"`);
  }
  return value;
}

function databaseUrl(): string | undefined {
  const raw = process.env.DATABASE_URL;
  if (raw === undefined || raw === "") return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)");
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new ConfigError(`DATABASE_URL must start with postgresql://, got "${url.protocol}//"`);
  }
  return raw;
}

/** At least 32 characters: the cursors' encryption key is derived from it. */
function cursorSecret(): string | undefined {
  const raw = process.env.CURSOR_SECRET;
  if (raw === undefined || raw === "") return undefined;
  if (raw.length < 32) throw new ConfigError(`CURSOR_SECRET must be at least 32 characters, got ${raw.length}`);
  return raw;
}

function persistedOperationsMode(): "allow" | "only" {
  const raw = process.env.PERSISTED_OPERATIONS || "allow";
  if (raw !== "allow" && raw !== "only")
    throw new ConfigError(`PERSISTED_OPERATIONS must be "allow" or "only", got "${raw}"`);
  return raw;
}

/** Every URL of DATABASE_REPLICA_URLS (comma-separated), each a postgresql:// URL. */
function replicaUrls(primary: string | undefined): string[] {
  const raw = process.env.DATABASE_REPLICA_URLS?.trim();
  if (!raw) return [];
  if (!primary)
    throw new ConfigError("DATABASE_REPLICA_URLS needs DATABASE_URL: the embedded database has no replicas");
  return raw.split(",").map((entry, index) => {
    const value = entry.trim();
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(
        `DATABASE_REPLICA_URLS: entry ${index + 1} is not a valid URL (expected postgresql://user:password@host:port/database)`,
      );
    }
    if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
      throw new ConfigError(
        `DATABASE_REPLICA_URLS: entry ${index + 1} must start with postgresql://, got "${url.protocol}//"`,
      );
    }
    return value;
  });
}

/**
 * Gateway processes on one port: a positive integer. By default one, and in production one per
 * core when the processes can share what must be shared (PostgreSQL, and Redis for events, rate
 * limits and the response cache's write epoch).
 */
function webConcurrency(nodeEnv: string, cores: number): number {
  const raw = process.env.WEB_CONCURRENCY?.trim();
  const shareable = Boolean(process.env.DATABASE_URL && process.env.REDIS_URL);
  if (!raw) return nodeEnv === "production" && shareable ? cores : 1;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new ConfigError(`WEB_CONCURRENCY must be a positive integer, got "${raw}"`);
  const count = Number(raw);
  if (count > 1 && !process.env.DATABASE_URL) {
    throw new ConfigError(`WEB_CONCURRENCY=${count} needs DATABASE_URL: the embedded database serves one process`);
  }
  if (count > 1 && !process.env.REDIS_URL) {
    throw new ConfigError(
      `WEB_CONCURRENCY=${count} needs REDIS_URL: processes share live-update events and the write epoch through it`,
    );
  }
  return count;
}

function readEnv() {
  const nodeEnv = process.env.NODE_ENV ?? "development";
  return {
    nodeEnv,
    isProduction: nodeEnv === "production",
    port: integer("PORT", 4000),
    host: process.env.HOST || "127.0.0.1",
    /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
    databaseUrl: databaseUrl(),
    /** Read replicas of DATABASE_URL: queries and subscription reads go to them (src/data/replicas/). */
    replicaUrls: replicaUrls(databaseUrl()),
    /** A replica whose replay is further behind the primary than this is out of rotation until it catches up. */
    replicaMaxLagMs: duration("REPLICA_MAX_LAG", "5s"),
    /**
     * DATABASE_URL (and the replicas') lead to a pooler in transaction mode (PgBouncer
     * pool_mode=transaction): consecutive statements may run on different server sessions, so
     * no named prepared statements and no session settings are sent.
     */
    transactionPooling: process.env.DATABASE_TRANSACTION_POOLING === "true",
    /** Gateway processes sharing the port (node:cluster). */
    webConcurrency: webConcurrency(nodeEnv, availableParallelism()),
    /** Maximum connections in the PostgreSQL pool. */
    dbPoolSize: integer("DB_POOL_SIZE", 10, 1),
    /** Longest a PostgreSQL statement may run before it is cancelled; 0 = no limit (PGlite cannot cancel one). */
    statementTimeoutMs: duration("STATEMENT_TIMEOUT", "5s", true),
    /**
     * How long a query or mutation may wait for a database connection, counted from the start of
     * its execution: past it, SERVICE_UNAVAILABLE. Background work waits this long too.
     */
    requestDeadlineMs: duration("REQUEST_DEADLINE", "15s"),
    /** Where the embedded database keeps its files; "memory://" keeps it in memory. */
    dataDir: process.env.DATA_DIR || "./.data",
    /** Demo-data scale seeded into an empty embedded database on first start (0 = none). */
    seedScale: integer("SEED_SCALE", 1),
    logLevel: process.env.LOG_LEVEL || (nodeEnv === "test" ? "silent" : "info"),
    /** Emit an event per SQL statement (used by tests and benchmarks to count statements). */
    traceSql: process.env.TRACE_SQL === "true" || nodeEnv === "test",
    /** GraphiQL at /graphql: on by default, in production only when GRAPHIQL=true. */
    graphiql: process.env.GRAPHIQL ? process.env.GRAPHIQL === "true" : nodeEnv !== "production",
    /** JWT verification: an HS256 shared secret, an RS256 public key (PEM), or a JWKS file. */
    jwtSecret: process.env.JWT_SECRET || undefined,
    jwtPublicKey: process.env.JWT_PUBLIC_KEY || undefined,
    jwtJwksFile: process.env.JWT_JWKS_FILE || undefined,
    /** RS256 private key (PEM) used only by `npm run token` to mint tokens. */
    jwtPrivateKey: process.env.JWT_PRIVATE_KEY || undefined,
    jwtIssuer: process.env.JWT_ISSUER || "batch-gateway",
    /** Key material for encrypting cursors; derived from JWT_SECRET (or the development secret) when unset. */
    cursorSecret: cursorSecret(),
    jwtAudience: process.env.JWT_AUDIENCE || "batch-gateway",
    /** Plan each root field's selection into one SQL statement (PLANNER=false: every field through its loaders). */
    planner: process.env.PLANNER !== "false",
    /** Longest a token may live (its exp minus its iat, or minus now without iat); tokens without exp are refused. */
    jwtMaxLifetimeMs: duration("JWT_MAX_LIFETIME", "24h"),
    /** Run background jobs (dispatcher, executor, retention) in the server process. */
    jobs: process.env.JOBS !== "false",
    /** Query limits, checked before execution. */
    limits: {
      maxDepth: integer("MAX_QUERY_DEPTH", 15, 1),
      maxAliases: integer("MAX_QUERY_ALIASES", 30, 0),
      maxDirectives: integer("MAX_QUERY_DIRECTIVES", 20, 0),
      maxTokens: integer("MAX_QUERY_TOKENS", 5000, 1),
      /** Most objects a query's connections and sized lists may return (src/graphql/transforms/query-cost.ts). */
      maxNodes: integer("MAX_QUERY_NODES", 20_000, 1),
      /** Deepest nesting of arrays and objects in a request's variables (and in a JSON argument). */
      maxVariableDepth: integer("MAX_VARIABLE_DEPTH", 20, 1),
      /** Largest accepted request body, in bytes. */
      maxBodyBytes: integer("MAX_BODY_BYTES", 1_000_000, 1),
      /** Most operations in one batched request (a JSON array body). */
      maxBatch: integer("MAX_BATCH_OPERATIONS", 10, 1),
    },
    /** Subscriptions open at once per WebSocket connection, and per token subject (or IP) in this process. */
    subscriptionLimits: {
      perConnection: integer("MAX_SUBSCRIPTIONS_PER_CONNECTION", 100, 1),
      perToken: integer("MAX_SUBSCRIPTIONS_PER_TOKEN", 500, 1),
    },
    /** Requests allowed per token subject (or per IP without a valid token) per window; 0 disables rate limiting. */
    rateLimit: {
      points: integer("RATE_LIMIT_REQUESTS", 600, 0),
      windowSeconds: integer("RATE_LIMIT_WINDOW_SECONDS", 60, 1),
    },
    redisUrl: process.env.REDIS_URL || undefined,
    /** "only": run just the operations in the client manifest (by hash); "allow" (default): any document too. */
    persistedOperations: persistedOperationsMode(),
    /** Cache read-only query responses per session (RESPONSE_CACHE=false turns it off). */
    responseCache: process.env.RESPONSE_CACHE !== "false",
    /** Longest life of a cached response, e.g. "10s"; any committed write ends it sooner. */
    responseCacheTtlMs: duration("RESPONSE_CACHE_TTL", "10s"),
    /**
     * How long a browser (or, for an answer without a token, any HTTP cache) may keep the answer
     * to a query sent over GET; 0 = never (no-store). Nothing can recall it within that time.
     */
    httpCacheMaxAgeMs: duration("HTTP_CACHE_MAX_AGE", "10s", true),
    /** How long completed process statuses are kept (e.g. "7d", "12h"); older ones are gone. */
    processStatusRetentionMs: duration("PROCESS_STATUS_RETENTION", "7d"),
    /** How long a mutation's X-Request-Id is remembered (and its response replayed), e.g. "24h". */
    idempotencyRetentionMs: duration("IDEMPOTENCY_RETENTION", "24h"),
    /**
     * How long a mutation's X-Request-Id claim stays its first request's while no response is
     * stored; after that a retry takes it over and resumes (an instance that crashed never answers).
     */
    idempotencyLeaseMs: duration("IDEMPOTENCY_LEASE", "60s"),
    /** How long a graceful shutdown waits for in-flight requests, in milliseconds. */
    shutdownTimeoutMs: integer("SHUTDOWN_TIMEOUT_MS", 10_000),
    /** Serve the schema as an Apollo Federation v2 subgraph (adds _entities and _service). */
    federation: process.env.FEDERATION === "true",
    /** Prometheus metrics at /metrics (on unless METRICS=false). */
    metrics: process.env.METRICS !== "false",
    /** OpenTelemetry traces, opt-in through the standard OTEL_* variables. */
    otelTracing:
      Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) ||
      (process.env.OTEL_TRACES_EXPORTER !== undefined && !["", "none"].includes(process.env.OTEL_TRACES_EXPORTER)),
  };
}

export type Env = ReturnType<typeof readEnv>;

export const env: Env = readEnv();
