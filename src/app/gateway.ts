// The GraphQL-over-HTTP handler, exported so tests call `yoga.fetch` in process.
import { createYoga } from "graphql-yoga";
import { useDeferStream } from "@graphql-yoga/plugin-defer-stream";
import { mutationScopesPlugin } from "../pipeline/security/mutation-scopes.ts";
import type { Context } from "../graphql/context.ts";
import { createContext } from "./context.ts";
import { env } from "../config/env.ts";
import { type PersistedOperationsMode, persistedOperationsPlugin } from "../pipeline/delivery/persisted-operations.ts";
import { type ResponseCacheOptions, responseCachePlugins } from "../pipeline/delivery/response-cache.ts";
import { graphiqlOptions, renderGraphiQL } from "../pipeline/graphiql/options.ts";
import { graphiqlAssetsPlugin } from "../pipeline/graphiql/assets.ts";
import { httpCachingPlugin } from "../pipeline/delivery/http-caching.ts";
import { compiledExecution } from "../graphql/execution/compiled-execution.ts";
import { requestDeadlinePlugin } from "../data/deadline.ts";
import { maskError } from "../graphql/execution/masking.ts";
import { sharedSubscriptions } from "../pipeline/transport/shared-subscriptions.ts";
import { literalInputErrors } from "../graphql/execution/literal-errors.ts";
import { variableCoercion } from "../graphql/execution/variables.ts";
import { schema, subgraphSchema } from "./schema.ts";
import { healthPlugin } from "../pipeline/observability/health.ts";
import { metricsPlugins } from "../pipeline/observability/metrics.ts";
import { operationTracingPlugin } from "../pipeline/observability/tracing.ts";
import { logger } from "../config/logger.ts";
import { requestLogPlugin } from "../pipeline/observability/request-log.ts";
import { requestHeadersPlugin } from "../pipeline/requests/plugin.ts";
import { readYourWritesPlugin } from "../pipeline/requests/read-your-writes.ts";
import { bodyLimitPlugin } from "../pipeline/security/body-limit.ts";
import { queryLimitPlugins } from "../pipeline/security/limits.ts";
import { operationLimitsPlugin } from "../pipeline/security/operation-limits.ts";
import { type RateLimitOptions, rateLimitPlugin } from "../pipeline/security/rate-limit.ts";
import { type SubscriptionLimits, subscriptionLimitsPlugin } from "../pipeline/security/subscription-limits.ts";

export { developmentTokenIfAny } from "../pipeline/graphiql/options.ts";

export interface GatewayOptions {
  /** Overrides RATE_LIMIT_* (tests use small limits). */
  rateLimit?: RateLimitOptions;
  /** Overrides MAX_SUBSCRIPTIONS_PER_CONNECTION and MAX_SUBSCRIPTIONS_PER_TOKEN. */
  subscriptionLimits?: SubscriptionLimits;
  /** Serve as an Apollo Federation subgraph (default FEDERATION). */
  federation?: boolean;
  /** A span per operation for OpenTelemetry (default: on when OTEL_* configures an exporter). */
  tracing?: boolean;
  /** Overrides PERSISTED_OPERATIONS ("only" runs just the manifest's operations) and the manifest path. */
  persistedOperations?: { mode: PersistedOperationsMode; manifestPath?: string };
  /** Overrides RESPONSE_CACHE, RESPONSE_CACHE_TTL and REDIS_URL for the response cache. */
  responseCache?: Partial<ResponseCacheOptions>;
  /** Overrides PLANNER: false answers every field through its own loaders. */
  planner?: boolean;
  /** Run queries and mutations compiled (graphql-jit, default) or with graphql-js only (tests compare the two). */
  compiledExecution?: boolean;
}

/** The gateway's request handler; `yoga` below is the one the server and most tests use. */
export function createGateway(options: GatewayOptions = {}) {
  return createYoga<Record<string, unknown>, Context>({
    schema: (options.federation ?? env.federation) ? subgraphSchema() : schema,
    context: (initial) => createContext(initial, { planner: options.planner }),
    graphqlEndpoint: "/graphql",
    graphiql: env.graphiql ? graphiqlOptions : false,
    renderGraphiQL,
    landingPage: false,
    logging: logger,
    maskedErrors: { isDev: !env.isProduction && env.nodeEnv !== "test", maskError },
    batching: { limit: env.limits.maxBatch },
    // MAX_BODY_BYTES is held by bodyLimitPlugin, which counts only bodies without Content-Length.
    maxRequestBodySize: false,
    plugins: [
      healthPlugin(),
      ...(env.graphiql ? [graphiqlAssetsPlugin()] : []),
      httpCachingPlugin({ maxAgeMs: env.httpCacheMaxAgeMs, endpoint: "/graphql" }),
      // Before anything that runs or records an operation: invalid variables stop it here.
      variableCoercion,
      requestDeadlinePlugin,
      // First, so the plugins below that wrap execution (tracing) wrap the compiled executor.
      ...(options.compiledExecution === false ? [] : compiledExecution),
      ...(env.metrics ? metricsPlugins() : []),
      ...((options.tracing ?? env.otelTracing) ? [operationTracingPlugin()] : []),
      bodyLimitPlugin(env.limits.maxBodyBytes),
      rateLimitPlugin(options.rateLimit),
      ...queryLimitPlugins(),
      literalInputErrors,
      // Before every plugin below that reads variables or sends SQL (response cache, idempotency).
      operationLimitsPlugin(),
      requestLogPlugin,
      // In this order: the caps wrap the shared subscribe, so a refused subscription reads nothing.
      sharedSubscriptions(),
      subscriptionLimitsPlugin(options.subscriptionLimits),
      // Before requestHeadersPlugin: a mutation the token may not run is neither run nor replayed.
      mutationScopesPlugin,
      requestHeadersPlugin,
      // After the executors are chosen (compiled, idempotent replay): wraps the one that runs.
      readYourWritesPlugin(),
      persistedOperationsPlugin(
        options.persistedOperations?.mode ?? env.persistedOperations,
        options.persistedOperations?.manifestPath,
      ),
      useDeferStream(),
      ...responseCachePlugins({
        enabled: env.responseCache,
        ttlMs: env.responseCacheTtlMs,
        redisUrl: env.redisUrl,
        ...options.responseCache,
      }),
    ],
  });
}

export const yoga = createGateway();
