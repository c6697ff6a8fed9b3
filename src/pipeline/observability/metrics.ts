// Prometheus metrics at /metrics: requests and latency per operation (Yoga's prometheus
// plugin), errors by their extensions.code, PostgreSQL pool usage, open subscriptions and
// the process's own figures (memory, CPU, event-loop lag).
import { usePrometheus } from "@graphql-yoga/plugin-prometheus";
import { type DocumentNode, type ExecutionResult, type GraphQLError, getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "../../data/database.ts";
import type { ReplicaSet } from "../../data/replicas/replica-set.ts";
import { db } from "../../data/db.ts";
import { requestSignalOf, untilEnd } from "../transport/stream-end.ts";
import { inCluster, serverMetrics, shareRegistries } from "./cluster-metrics.ts";

// Process metrics install event-loop and GC observers; one set per process, however many
// gateways (tests build several) are created.
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Reads that could use a replica, by where they ran, and the replicas in rotation (DATABASE_REPLICA_URLS). */
function replicaMetrics(registry: Registry, replicas: ReplicaSet) {
  const counted = { replica: 0, primary: 0 };
  new Counter({
    name: "gateway_db_replica_routed_statements_total",
    help: "Statements of queries and subscription events, by the server that ran them (replica, or primary when none could).",
    labelNames: ["server"],
    registers: [registry],
    collect() {
      for (const server of ["replica", "primary"] as const) {
        this.inc({ server }, replicas.reads[server] - counted[server]);
        counted[server] = replicas.reads[server];
      }
    },
  });
  new Gauge({
    name: "gateway_db_replicas_in_rotation",
    help: "Read replicas currently serving reads (reachable, in recovery, within REPLICA_MAX_LAG).",
    registers: [registry],
    collect() {
      this.set(replicas.replicas.filter((replica) => replica.inRotation).length);
    },
  });
}

function poolGauges(registry: Registry, database: Pick<Database, "pool" | "replicas">) {
  if (database.replicas) replicaMetrics(registry, database.replicas);
  const pool = database.pool;
  if (!pool) return; // the embedded PGlite database has no pool
  const gauge = (name: string, help: string, read: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  gauge(
    "gateway_db_pool_connections",
    "PostgreSQL connections open in the pool (idle and in use).",
    () => pool.totalCount,
  );
  gauge("gateway_db_pool_idle_connections", "PostgreSQL connections open and idle in the pool.", () => pool.idleCount);
  gauge(
    "gateway_db_pool_waiting_requests",
    "Queries waiting for a free PostgreSQL connection.",
    () => pool.waitingCount,
  );
}

function errorsOf(result: unknown): readonly GraphQLError[] {
  if (Array.isArray(result)) return result.flatMap(errorsOf); // a batched request
  if (!result || typeof result !== "object" || Symbol.asyncIterator in result) return [];
  return (result as ExecutionResult).errors ?? [];
}

/** The operation's name as Yoga's prometheus plugin labels it (from the document when not sent). */
function operationNameOf(document: DocumentNode, operationName?: string | null): string {
  return getOperationAST(document, operationName)?.name?.value ?? operationName ?? "Anonymous";
}

/** Errors by code and open subscriptions, counted where every transport (HTTP, SSE, WebSocket) passes. */
function gatewayMetricsPlugin(registry: Registry): Plugin {
  const errors = new Counter({
    name: "gateway_graphql_errors_total",
    help:
      "GraphQL errors sent to clients, by extensions.code (INTERNAL_SERVER_ERROR for masked ones) and " +
      "operation name.",
    labelNames: ["code", "operationName"],
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: "gateway_graphql_subscriptions",
    help: "Subscriptions currently open, by operation name.",
    labelNames: ["operationName"],
    registers: [registry],
  });
  // Errors of parsing, validation or the token happen before execution; the name comes from the request.
  const requestOperation = new WeakMap<Request, string>();
  return {
    onParse({ context }) {
      const { request } = context as { request?: Request };
      return ({ result }) => {
        if (request && result && "kind" in result) requestOperation.set(request, operationNameOf(result));
      };
    },
    onResultProcess({ result, request }) {
      for (const error of errorsOf(result)) countError(error, requestOperation.get(request) ?? "Anonymous");
    },
    onExecute({ args }) {
      const operationName = operationNameOf(args.document, args.operationName);
      return {
        onExecuteDone({ result }) {
          // HTTP results are counted in onResultProcess; only per-event errors of a stream here.
          if (!(Symbol.asyncIterator in result)) return;
          return {
            onNext: ({ result: event }) => {
              for (const error of event.errors ?? []) countError(error, operationName);
            },
          };
        },
      };
    },
    onSubscribe({ args }) {
      const labels = { operationName: operationNameOf(args.document, args.operationName) };
      return {
        onSubscribeResult({ result, setResult }) {
          if (!(Symbol.asyncIterator in result)) return;
          subscriptions.inc(labels);
          // Not envelop's onEnd, which misses failed streams and SSE clients gone before the first read.
          setResult(untilEnd(result, () => subscriptions.dec(labels), requestSignalOf(args.contextValue)));
        },
      };
    },
  };

  function countError(error: GraphQLError, operationName: string) {
    errors.inc({ code: String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"), operationName });
  }
}

/** The metrics plugins of one gateway, with their own registry (plus the shared process metrics). */
export function metricsPlugins(database: Pick<Database, "pool" | "replicas"> = db): Plugin[] {
  const registry = new Registry();
  poolGauges(registry, database);
  shareRegistries([registry, processMetrics()]);
  const endpoint: Plugin = {
    async onRequest({ url, endResponse }) {
      if (url.pathname !== "/metrics") return;
      const text = inCluster()
        ? await serverMetrics()
        : (await Promise.all([registry.metrics(), processMetrics().metrics()])).join("\n");
      endResponse(new Response(text, { headers: { "content-type": registry.contentType } }));
    },
  };
  const operations = usePrometheus({
    registry,
    endpoint: false,
    skipIntrospection: true,
    labels: { url: false },
    metrics: {
      // It walks every request's document with a TypeInfo (even when the parse is cached) to find
      // @deprecated fields; the schema deprecates nothing yet. Turn it on with the first one.
      graphql_envelop_deprecated_field: false,
      // Off: a summary keeps quantile sketches per label set (the costliest observation of all, and
      // not summable across processes or hosts); the request duration repeats graphql_yoga_http_duration;
      // parse and validate are cached per document and context building is the token check, all
      // inside the HTTP duration. About 4% of a small request's CPU together (docs/PERFORMANCE.md).
      graphql_envelop_request_time_summary: false,
      graphql_envelop_request_duration: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
    },
  });
  return [endpoint, operations, gatewayMetricsPlugin(registry)];
}
