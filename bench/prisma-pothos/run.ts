// npm run bench:prisma-pothos -- [--seconds N]   (short mode only: a few seconds per shape)
// The planner against @pothos/plugin-prisma's select/relation path on the two shapes of issue 14:
// a page of 50 batches with workOrder, queue and their first 10 cycles, and a node lookup. Both
// servers on the same seeded throwaway database; per shape: statements, SQL and CPU time per
// request (as the suite counts them), req/s and p99 at 10 connections. Answers are compared first.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { fingerprint, globalId } from "../cases/types.ts";
import { migrateAndSeed, startBenchDatabase } from "../database.ts";
import { costPerRequest, drive, send } from "../load.ts";
import { REPO_ROOT, gatewayPeer } from "../peers.ts";
import { freePort } from "../../tools/ports.ts";
import { type ServerSpec, startServer } from "../servers.ts";
import { runScript } from "../script.ts";
import { benchEnvironment, benchToken } from "../environment.ts";

const { values: options } = parseArgs({ options: { seconds: { type: "string" }, scale: { type: "string" } } });
const seconds = Number(options.seconds ?? 3);
const scale = Number(options.scale ?? 10);
const jwtSecret = benchEnvironment();

const body = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const PAGE = `edges { node { id label workOrder { id label dueDate } queue { id label }
  cycles(first: 10) { totalCount edges { node { id label position } } } } }`;

/** Each shape in each server's words: the same fields, the same order (oldest batches first). */
const SHAPES = {
  "batches → workOrder, queue, cycles(10)": {
    gateway: body(`{ batches(first: 50, orderBy: { field: CREATED_AT, direction: ASC }) { ${PAGE} } }`),
    pothos: body(`{ batches(first: 50) { ${PAGE} } }`),
  },
  "node(id:) of a batch with its work order": {
    gateway: body(`query ($id: ID!) { node(id: $id) { id ... on Batch { label workOrder { id label } } } }`, {
      id: globalId("gateway", "Batch", 500),
    }),
    pothos: body(`query ($id: ID!) { node(id: $id) { id ... on Batch { label workOrder { id label } } } }`, {
      id: globalId("gateway", "Batch", 500),
    }),
  },
};

/** Pothos's types for the Prisma schema, generated beside it (bench/tmp is not in git). */
function generatePothosTypes(): void {
  const dir = join(REPO_ROOT, "bench", "tmp", "pothos");
  mkdirSync(dir, { recursive: true });
  const generator = `generator pothos {\n  provider     = "prisma-pothos-types"\n  clientOutput = "../../../src/generated/prisma/client.ts"\n  output       = "./generated.ts"\n}`;
  const schema = readFileSync(join(REPO_ROOT, "prisma", "schema.prisma"), "utf8").replace(
    /generator client \{[^}]*\}/,
    generator,
  );
  writeFileSync(join(dir, "schema.prisma"), schema);
  execFileSync("npx", ["prisma", "generate", "--schema", join(dir, "schema.prisma")], {
    cwd: REPO_ROOT,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" },
    stdio: "pipe",
  });
}

async function main() {
  generatePothosTypes();
  const database = await startBenchDatabase(console.log);
  try {
    await migrateAndSeed(database.url, scale, () => {});
    const token = await benchToken("1h");
    const gateway = gatewayPeer({ databaseUrl: database.url, poolSize: 10, jwtSecret, token }).spec;
    const pothos: ServerSpec = {
      name: "plugin-prisma",
      command: process.execPath,
      args: ["--import", "tsx", "bench/prisma-pothos/server.ts"],
      cwd: REPO_ROOT,
      env: { NODE_ENV: "production", DATABASE_URL: database.url, DB_POOL_SIZE: "10" },
      probe: { path: "/graphql", body: body("{ __typename }"), headers: { "content-type": "application/json" } },
    };
    const counter = { reset: database.resetStatements, read: database.statementsSinceReset };
    const answers = new Map<string, unknown>();
    const rows: string[] = [
      "| shape | server | statements | SQL ms | server CPU ms | req/s c=10 | p99 ms |",
      "| --- | --- | --- | --- | --- | --- | --- |",
    ];
    for (const [spec, key] of [
      [pothos, "pothos"],
      [gateway, "gateway"],
    ] as const) {
      const server = await startServer(spec, await freePort());
      try {
        for (const [shape, requests] of Object.entries(SHAPES)) {
          const load = {
            url: `${server.url}/graphql`,
            headers: key === "gateway" ? { authorization: `Bearer ${token}` } : {},
            body: requests[key],
          };
          const print = fingerprint(await send(load));
          if (answers.has(shape) && !isDeepStrictEqual(answers.get(shape), print))
            throw new Error(`the servers disagree on ${shape}`);
          answers.set(shape, print);
          await drive(load, 10, 1);
          const cost = await costPerRequest(load, 20, counter, server.cpuMs);
          const figures = await drive(load, 10, seconds);
          rows.push(
            `| ${shape} | ${spec.name} | ${cost.statements} | ${cost.sqlMs} | ${cost.serverCpuMs} | ${figures.requestsPerSecond} | ${figures.latencyP99Ms} |`,
          );
          console.log(rows.at(-1));
        }
      } finally {
        await server.stop();
      }
    }
    console.log(`\nscale ${scale}, ${seconds} s per shape, answers equal on both servers\n\n${rows.join("\n")}`);
  } finally {
    database.cluster.stop();
  }
}

runScript(main);
