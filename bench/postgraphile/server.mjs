// PostGraphile v5 in library mode over the benchmark's database: the peer the gateway is measured against.
// Run with `node --import ./polyfill.mjs server.mjs`; DATABASE_URL, PORT and DB_POOL_SIZE come from the harness.
import { createServer } from "node:http";
import { postgraphile } from "postgraphile";
import { makePgService } from "postgraphile/adaptors/pg";
import { grafserv } from "postgraphile/grafserv/node";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";

const preset = {
  // The plugins a PostGraphile user adds for what the gateway's where/orderBy/aggregate give:
  // connection-filter 4 (for PostGraphile 5) and pg-aggregates 0.2.0-rc.2 (its first v5 release).
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, PgAggregatesPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ["public"],
      poolConfig: { max: Number(process.env.DB_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { port: Number(process.env.PORT), graphqlPath: "/graphql", graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
// Build the schema (introspection) before the harness starts timing.
await pgl.getSchema();
const server = createServer();
server.on("error", (error) => {
  console.error(error);
  process.exit(1);
});
await pgl.createServ(grafserv).addTo(server);
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", () => server.close(() => pgl.release().then(() => process.exit(0))));
