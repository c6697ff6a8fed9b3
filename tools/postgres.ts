// A throwaway PostgreSQL cluster for the test run: initdb into a temp dir, start on a free
// loopback port, migrate a template database once, stop and delete at the end.
// TEST_DATABASE_URL (a role allowed to CREATE DATABASE) replaces the cluster.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./ports.ts";

export const TEMPLATE_DB = "gateway_template";

/** The directory holding initdb/pg_ctl, or undefined when PostgreSQL is not installed. */
export function findPostgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
    for (const version of versions)
      if (existsSync(join(root, version, "bin", "initdb"))) return join(root, version, "bin");
  }
  try {
    const initdb = execFileSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).trim();
    return initdb ? join(initdb, "..") : undefined;
  } catch {
    return undefined;
  }
}

export interface PostgresCluster {
  /** Connection string of the maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /**
   * Stop the server but keep its data (for outage tests): "fast" terminates the sessions,
   * "immediate" drops them as a crash would; `resume` starts it again.
   */
  pause(mode?: "fast" | "immediate"): void;
  resume(): void;
  stop(): void;
}

export async function startPostgres(bin: string): Promise<PostgresCluster> {
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : join(bin, command),
      asRoot ? ["-u", "postgres", "--", join(bin, command), ...args] : args,
      {
        stdio: "pipe",
      },
    );
  const dir = mkdtempSync(join(tmpdir(), "gateway-pg-"));
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, uid, uid);
  }
  const port = await freePort();
  run("initdb", ["-D", join(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  const start = () => run("pg_ctl", ["-D", join(dir, "data"), "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  start();
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pause: (mode = "fast") => run("pg_ctl", ["-D", join(dir, "data"), "-m", mode, "-w", "stop"]),
    resume: start,
    stop() {
      try {
        run("pg_ctl", ["-D", join(dir, "data"), "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped (a paused cluster)
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
