// npm run bench:ceiling -- [cases, default node,statuses,cycle-status]
// How close the gateway is to its framework: each case at 10 connections, 5 s, against the
// gateway as shipped and against a bare graphql-yoga serving the same schema with the same
// context and compiled execution (bench/ceiling-server.ts), twice each, alternating, at scale 20.
// The bare server's figure is the most any plugin work could win back.
import { spawn } from "node:child_process";
import { selectCases } from "./cases/index.ts";
import { migrateAndSeed, startBenchDatabase } from "./database.ts";
import { runEntry } from "./entry.ts";
import { drive, send } from "./load.ts";
import { gatewayPeer } from "./peers.ts";
import { freePort } from "../tools/ports.ts";
import { benchEnvironment, benchToken } from "./environment.ts";

const jwtSecret = benchEnvironment({ DB_POOL_SIZE: "10" });
const names = (process.argv[2] ?? "node,cycle-status").split(",");

async function main() {
  const database = await startBenchDatabase(() => {});
  try {
    const seed = await migrateAndSeed(database.url, 20, () => {});
    const token = await benchToken("1h");
    const peer = gatewayPeer({ databaseUrl: database.url, poolSize: 10, jwtSecret, token });
    for (const mode of ["full", "bare", "full", "bare"]) {
      const port = await freePort();
      const child = spawn(process.execPath, ["--max-semi-space-size=8", "--import", "tsx", "bench/ceiling-server.ts"], {
        env: { ...process.env, ...peer.spec.env, PORT: String(port), ...(mode === "bare" ? { BARE: "1" } : {}) },
        stdio: "inherit",
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      const headers = { authorization: `Bearer ${token}` };
      for (let i = 0; i < 100; i++) {
        try {
          await send({ url, headers, body: JSON.stringify({ query: "{ __typename }" }) });
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      for (const name of names) {
        const [c] = selectCases(name);
        const body = await c!.request(
          { server: "gateway", rows: seed.rows, send: (t) => send({ url, headers, body: t }) },
          50,
        );
        await drive({ url, headers, body }, 10, 2);
        const f = await drive({ url, headers, body }, 10, 5);
        console.log(mode, name, f.requestsPerSecond, f.latencyP99Ms);
      }
      child.kill("SIGKILL");
    }
  } finally {
    database.cluster.stop();
  }
}
runEntry(main);
