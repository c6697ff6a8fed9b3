// The GraphQL-over-HTTP handler, exported so tests call `yoga.fetch` in process.
import { createYoga } from "graphql-yoga";
import { useDeferStream } from "@graphql-yoga/plugin-defer-stream";
import { mutationScopesPlugin } from "./auth/mutation-scopes.ts";
import { type Context, createContext } from "./context.ts";
import { env } from "./env.ts";
import { type PersistedOperationsMode, persistedOperationsPlugin } from "./frontend/persisted-operations.ts";
import { type ResponseCacheOptions, responseCachePlugins } from "./frontend/response-cache.ts";
import { graphiqlOptions, renderGraphiQL } from "./graphiql/options.ts";
import { compiledExecution } from "./graphql/compiled-execution.ts";
import { requestDeadlinePlugin } from "./deadline.ts";
import { literalInputErrors } from "./graphql/literal-errors.ts";
import { maskError } from "./graphql/masking.ts";
import { sharedSubscriptions } from "./graphql/shared-subscriptions.ts";
import { variableCoercion } from "./graphql/variables.ts";
import { subgraphSchema } from "./platform/federation.ts";
import { healthPlugin } from "./platform/health.ts";
import { metricsPlugins } from "./platform/metrics.ts";
import { operationTracingPlugin } from "./platform/tracing.ts";
import { schema } from "./graphql/schema.ts";
import { logger } from "./logger.ts";
import { requestLogPlugin } from "./request-log.ts";
import { requestHeadersPlugin } from "./requests/plugin.ts";
import { bodyLimitPlugin } from "./security/body-limit.ts";
import { queryLimitPlugins } from "./security/limits.ts";
import { operationLimitsPlugin } from "./security/operation-limits.ts";
import { type RateLimitOptions, rateLimitPlugin } from "./security/rate-limit.ts";
import { type SubscriptionLimits, subscriptionLimitsPlugin } from "./security/subscription-limits.ts";

export { developmentTokenIfAny } from "./graphiql/options.ts";

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
    // Yoga counts a body without Content-Length as it arrives (src/security/body-limit.ts).
    maxRequestBodySize: env.limits.maxBodyBytes,
    plugins: [
      healthPlugin(),
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
      persistedOperationsPlugin(options.persistedOperations?.mode ?? env.persistedOperations, options.persistedOperations?.manifestPath),
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
