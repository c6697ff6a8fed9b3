// Dependencies point down (docs/ARCHITECTURE.md, "Layout"): server.ts and src/app (the composition
// root) may import anything; below them pipeline/ and domains/, which never import each other;
// under both data/ and the GraphQL glue (graphql/); config/ at the bottom. `npm run lint:deps`
// checks this on every `npm test`, and test/static/dependency-rules.test.ts proves each rule
// fails on a file that breaks it. Type-only imports count: a type is a dependency too.

/** Everything in src that is not the composition root. */
const NOT_APP = "^src/(?!app/|server\\.ts$)";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      comment:
        "A cycle makes module order matter (a half-initialised import is undefined) and hides which " +
        "side is the lower layer. The generated Prisma client is left out: its types refer to each other.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/generated/" },
      to: { circular: true },
    },
    {
      name: "config-imports-only-config",
      comment:
        "Configuration is read and checked first, by every process (server, worker, scripts); it " +
        "must load without the database, the schema or anything else of the app.",
      severity: "error",
      from: { path: "^src/config/" },
      to: { path: "^src/", pathNot: "^src/config/" },
    },
    {
      name: "graphql-glue-imports-only-config",
      comment:
        "The GraphQL glue (builder, ids, errors, pagination, schema transforms, execution) is what " +
        "every domain builds on; it knows no table, no domain and no part of the request pipeline.",
      severity: "error",
      from: { path: "^src/graphql/" },
      to: { path: "^src/", pathNot: "^src/(graphql|config)/" },
    },
    {
      name: "data-layer-below-domains-and-pipeline",
      comment:
        "The data layer (database, SQL helpers, planner, migrations, seed, idempotency store) serves " +
        "the domains and the pipeline, so it may not know either; it may use the GraphQL glue, since " +
        "the planner compiles GraphQL selections into SQL.",
      severity: "error",
      from: { path: "^src/data/" },
      to: { path: "^src/(domains|pipeline|app)/|^src/server\\.ts$" },
    },
    {
      name: "domains-not-pipeline",
      comment:
        "A domain is reached through the schema; it does not know how requests arrive, are limited, " +
        "cached or observed. What the app must register (jobs, federation entities) the domain exports " +
        "from its index and src/app/domains.ts hands on.",
      severity: "error",
      from: { path: "^src/domains/" },
      to: { path: "^src/(pipeline|app)/|^src/server\\.ts$" },
    },
    {
      name: "domains-only-build-on-processes",
      comment:
        "Domains are independent of each other, except that every mutation of every domain records a " +
        "process status: processes (its mutation kit, recorder and ProcessStatus type) is the one " +
        "foundational domain the others may import. Any other link between domains goes through the app.",
      severity: "error",
      from: { path: "^src/domains/([^/]+)/" },
      to: { path: "^src/domains/", pathNot: ["^src/domains/$1/", "^src/domains/processes/"] },
    },
    {
      name: "pipeline-not-domains",
      comment:
        "The request pipeline (security, requests, delivery, GraphiQL, observability, federation, " +
        "transport) works the same for every domain: it never imports one, nor the app that composes it.",
      severity: "error",
      from: { path: "^src/pipeline/" },
      to: { path: "^src/(domains|app)/|^src/server\\.ts$" },
    },
    {
      name: "only-the-app-imports-the-app",
      comment: "src/app is the composition root: only server.ts and the app itself import it (scripts may too).",
      severity: "error",
      from: { path: NOT_APP },
      to: { path: "^src/(app/|server\\.ts$)" },
    },
    {
      name: "generated-client-only-in-data-and-domains",
      comment:
        "The generated Prisma client is the tables' shape: the data layer and the domains that own the " +
        "tables use it; the glue, the pipeline and the app go through them.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(data|domains|generated)/" },
      to: { path: "^src/generated/" },
    },
    {
      name: "not-to-test",
      comment: "Tests depend on the code, never the reverse: shared helpers live in tools/ (e.g. tools/postgres.ts).",
      severity: "error",
      from: { path: "^(src|scripts|bench|tools)/" },
      to: { path: "^test/" },
    },
    {
      name: "src-not-to-tooling",
      comment: "The app runs without the scripts, the benchmark and the test tools (the image carries src/ only).",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(scripts|bench|tools)/" },
    },
    {
      name: "worker-never-builds-the-schema",
      comment:
        "The worker finds its jobs in the domains' exports (src/app/jobs.ts), not by loading the schema " +
        "for its import side effects.",
      severity: "error",
      from: { path: "^(scripts/worker\\.ts|src/app/jobs\\.ts)$" },
      to: { path: "^src/app/schema\\.ts$", reachable: true },
    },
  ],
  options: {
    // The generated client is a dependency like a package: seen, not walked through.
    doNotFollow: { path: ["node_modules", "^src/generated/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
