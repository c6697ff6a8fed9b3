// The GraphQL-over-HTTP handler, exported so tests call `yoga.fetch` in process.
import { createYoga } from "graphql-yoga";
import { ALL_SCOPES } from "./auth/scopes.ts";
import { mintToken, usesDevelopmentSecret } from "./auth/tokens.ts";
import { type Context, createContext } from "./context.ts";
import { env } from "./env.ts";
import { maskError } from "./graphql/masking.ts";
import { schema } from "./graphql/schema.ts";
import { logger } from "./logger.ts";
import { requestLogPlugin } from "./request-log.ts";
import { requestHeadersPlugin } from "./requests/plugin.ts";
import { bodyLimitPlugin } from "./security/body-limit.ts";
import { queryLimitPlugins } from "./security/limits.ts";
import { type RateLimitOptions, rateLimitPlugin } from "./security/rate-limit.ts";

const defaultQuery = /* GraphQL */ `# The newest production batches with their work order and queue.
query NewestBatches {
  batches(first: 5) {
    totalCount
    edges {
      node {
        id
        label
        currentStatus { status category }
        workOrder { label dueDate }
        queue { label location { label } }
      }
    }
    pageInfo { hasNextPage endCursor }
  }
}
`;

let developmentToken: Promise<string> | undefined;

/** With the generated development secret: a ready all-scopes token for GraphiQL and the start-up banner. */
export function developmentTokenIfAny(): Promise<string> | undefined {
  if (!usesDevelopmentSecret || env.isProduction) return undefined;
  return (developmentToken ??= mintToken({ scopes: ALL_SCOPES, subject: "developer", ttl: "30d" }));
}

async function graphiqlOptions() {
  const token = await developmentTokenIfAny();
  return {
    title: "Batch gateway",
    defaultQuery,
    ...(token ? { headers: JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2) } : {}),
  };
}

export interface GatewayOptions {
  /** Overrides RATE_LIMIT_* (tests use small limits). */
  rateLimit?: RateLimitOptions;
}

/** The gateway's request handler; `yoga` below is the one the server and most tests use. */
export function createGateway(options: GatewayOptions = {}) {
  return createYoga<Record<string, unknown>, Context>({
    schema,
    context: createContext,
    graphqlEndpoint: "/graphql",
    graphiql: env.graphiql ? graphiqlOptions : false,
    landingPage: false,
    logging: logger,
    maskedErrors: { isDev: !env.isProduction && env.nodeEnv !== "test", maskError },
    batching: { limit: env.limits.maxBatch },
    plugins: [
      bodyLimitPlugin(env.limits.maxBodyBytes),
      rateLimitPlugin(options.rateLimit),
      ...queryLimitPlugins(),
      requestLogPlugin,
      requestHeadersPlugin,
    ],
  });
}

export const yoga = createGateway();
