// The three servers measured on the same database: the gateway in production mode, PostGraphile v5
// (its own package under bench/postgraphile, installed on first use) and the hand-written floor.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Dialect, batchNodeId, gatewayDialect, postgraphileDialect } from "./queries.ts";
import type { ServerSpec } from "./servers.ts";

export const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const POSTGRAPHILE_DIR = join(REPO_ROOT, "bench", "postgraphile");

export type PeerName = "gateway" | "postgraphile" | "floor";

export interface Peer {
  name: PeerName;
  spec: ServerSpec;
  dialect: Dialect;
  batchNodeId(id: number): string;
}

export interface PeerSettings {
  databaseUrl: string;
  poolSize: number;
  jwtSecret: string;
  token: string;
  /** Directory for the gateway's --cpu-prof output; no profiling when absent. */
  cpuProfileDir?: string;
}

/** PostGraphile's dependencies stay out of the app's tree; they are installed on first use. */
export function ensurePostgraphileInstalled(log: (line: string) => void): void {
  if (existsSync(join(POSTGRAPHILE_DIR, "node_modules", "postgraphile"))) return;
  log("installing PostGraphile into bench/postgraphile (first run only)");
  execFileSync("npm", ["--prefix", POSTGRAPHILE_DIR, "ci", "--no-audit", "--no-fund"], { stdio: "inherit" });
}

const probe = (path: string, body: string, headers: Record<string, string> = {}) => ({
  path,
  body,
  headers: { "content-type": "application/json", ...headers },
});

export function gatewayPeer(settings: PeerSettings): Peer {
  const authorization = `Bearer ${settings.token}`;
  const profile = settings.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", settings.cpuProfileDir] : [];
  return {
    name: "gateway",
    dialect: gatewayDialect,
    batchNodeId: batchNodeId.gateway,
    spec: {
      name: "gateway",
      command: process.execPath,
      args: [...profile, "--import", "tsx", "src/server.ts"],
      cwd: REPO_ROOT,
      env: {
        NODE_ENV: "production",
        DATABASE_URL: settings.databaseUrl,
        DB_POOL_SIZE: String(settings.poolSize),
        JWT_SECRET: settings.jwtSecret,
        JOBS: "false",
        LOG_LEVEL: "warn",
        HOST: "127.0.0.1",
        // One token sends thousands of requests a second here; the per-token limit would answer 429.
        RATE_LIMIT_REQUESTS: "0",
        // Every request here repeats the same document with the same token: a response cache would
        // answer all but the first from memory and measure nothing of the data loading compared.
        RESPONSE_CACHE: "false",
      },
      probe: probe("/graphql", JSON.stringify({ query: "{ __typename }" }), { authorization }),
    },
  };
}

export function postgraphilePeer(settings: PeerSettings): Peer {
  return {
    name: "postgraphile",
    dialect: postgraphileDialect,
    batchNodeId: batchNodeId.postgraphile,
    spec: {
      name: "postgraphile",
      command: process.execPath,
      args: ["--import", "./polyfill.mjs", "server.mjs"],
      cwd: POSTGRAPHILE_DIR,
      env: {
        NODE_ENV: "production",
        GRAPHILE_ENV: "production",
        DATABASE_URL: settings.databaseUrl,
        DB_POOL_SIZE: String(settings.poolSize),
      },
      probe: probe("/graphql", JSON.stringify({ query: "{ __typename }" })),
    },
  };
}

export function floorPeer(settings: PeerSettings): Peer {
  return {
    name: "floor",
    // The floor takes the gateway's requests and answers in its shape.
    dialect: gatewayDialect,
    batchNodeId: batchNodeId.gateway,
    spec: {
      name: "floor",
      command: process.execPath,
      args: ["--import", "tsx", "bench/floor/server.ts"],
      cwd: REPO_ROOT,
      env: { NODE_ENV: "production", DATABASE_URL: settings.databaseUrl, DB_POOL_SIZE: String(settings.poolSize) },
      probe: probe("/graphql", gatewayDialect.q3(batchNodeId.gateway(1))),
    },
  };
}

/** Headers every request to the peer carries (the gateway needs its bearer token). */
export function headersFor(peer: Peer, token: string): Record<string, string> {
  return peer.name === "gateway" ? { authorization: `Bearer ${token}` } : {};
}
