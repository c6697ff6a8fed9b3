// The GraphQL-over-HTTP handler, exported so tests call `yoga.fetch` in process.
import { createYoga } from "graphql-yoga";
import { type Context, createContext } from "./context.ts";
import { env } from "./env.ts";
import { schema } from "./graphql/schema.ts";
import { logger } from "./logger.ts";

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

export const yoga = createYoga<Record<string, unknown>, Context>({
  schema,
  context: createContext,
  graphqlEndpoint: "/graphql",
  graphiql: { title: "Batch gateway", defaultQuery },
  landingPage: false,
  logging: logger,
  maskedErrors: { isDev: !env.isProduction && env.nodeEnv !== "test" },
});
