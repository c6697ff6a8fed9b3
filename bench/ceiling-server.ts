// The server bench/ceiling.ts starts: the gateway as shipped, or (BARE=1) a bare graphql-yoga
// with the same schema, context (token check) and compiled execution and none of the gateway's
// plugins — what the framework itself costs per request, the gateway's ceiling on this machine.
import { createServer } from "node:http";
import { createYoga } from "graphql-yoga";
const { schema } = await import("../src/app/schema.ts");
const { createContext } = await import("../src/app/context.ts");
const { compiledExecution } = await import("../src/graphql/execution/compiled-execution.ts");
const { yoga: full } = await import("../src/app/gateway.ts");
const bare = createYoga({
  schema,
  context: (initial) => createContext(initial as never),
  graphqlEndpoint: "/graphql",
  landingPage: false,
  graphiql: false,
  logging: false,
  plugins: process.env.NO_JIT ? [] : [...compiledExecution],
});
createServer(process.env.BARE ? bare : full).listen(Number(process.env.PORT), "127.0.0.1");
