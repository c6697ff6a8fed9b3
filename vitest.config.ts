// Two legs run the same suite: against a real PostgreSQL started for the run, and against
// the embedded PGlite. With CI=true a missing PostgreSQL fails the run instead of skipping.
import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";
import { findPostgresBin } from "./tools/postgres.ts";

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL || findPostgresBin());
const legs = hasPostgres || process.env.CI === "true" ? ["postgres", "pglite"] : ["pglite"];
if (!legs.includes("postgres"))
  console.warn("PostgreSQL not installed: running the PGlite leg only (CI=true makes this an error)");

const databaseLeg = (leg: string) => ({
  extends: true as const,
  test: {
    name: leg,
    include: ["test/**/*.test.ts"],
    exclude: ["test/static/**", "test/browser/**"],
    env: {
      TEST_DB: leg,
      NODE_ENV: "test",
      JWT_SECRET: "test-secret-of-at-least-32-characters!",
      RATE_LIMIT_REQUESTS: "0",
      RESPONSE_CACHE: "false",
    },
    globalSetup: ["test/setup/global.ts"],
    setupFiles: ["test/setup/database.ts"],
  },
});

export default defineConfig({
  // Node loads graphql's CommonJS entry for Pothos and Yoga; Vite would pick the .mjs one.
  // One copy only, or graphql-js refuses types "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }] },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "static",
          include: ["test/static/**/*.test.ts", "test/browser/**/*.test.ts"],
          env: { NODE_ENV: "test", RESPONSE_CACHE: "false" },
        },
      },
      ...legs.map(databaseLeg),
    ],
  },
});
