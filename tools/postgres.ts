// A throwaway PostgreSQL cluster for the test run: initdb into a temp dir, start on a free
// loopback port, migrate a template database once, stop and delete at the end.
// TEST_DATABASE_URL (a role allowed to CREATE DATABASE) replaces the cluster.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
  /** A streaming replica of this cluster (pg_basebackup -R), started on its own port. */
  startReplica(): Promise<PostgresServer>;
  /** PgBouncer in front of this cluster, pool_mode = transaction, every database (`*`), `poolSize` server connections each (4). */
  startPgBouncer(poolSize?: number): Promise<PostgresServer>;
}

/** A server started beside the cluster: its maintenance URL, and stop/start keeping its data. */
export interface PostgresServer {
  adminUrl: string;
  /** For a PostgreSQL server: what `controlServer` needs to stop and start it from another process. */
  control?: ServerControl;
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
  const uid = asRoot ? Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()) : undefined;
  const ownedDir = (prefix: string) => {
    const made = mkdtempSync(join(tmpdir(), prefix));
    if (uid !== undefined) chownSync(made, uid, uid);
    return made;
  };
  const dir = ownedDir("gateway-pg-");
  const servers: PostgresServer[] = [];
  const port = await freePort();
  run("initdb", ["-D", join(dir, "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-instructions"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c wal_writer_delay=10ms`;
  const start = () => run("pg_ctl", ["-D", join(dir, "data"), "-o", options, "-l", join(dir, "log"), "-w", "start"]);
  start();
  const serverAt = (serverPort: number, pause: PostgresServer["pause"], resume: () => void, remove: () => void) => {
    const server: PostgresServer = {
      adminUrl: `postgresql://postgres@127.0.0.1:${serverPort}/postgres`,
      pause,
      resume,
      stop() {
        try {
          pause("immediate");
        } catch {
          // already stopped
        } finally {
          remove();
        }
      },
    };
    servers.push(server);
    return server;
  };
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pause: (mode = "fast") => run("pg_ctl", ["-D", join(dir, "data"), "-m", mode, "-w", "stop"]),
    resume: start,
    async startReplica() {
      const replicaDir = ownedDir("gateway-pg-replica-");
      const replicaPort = await freePort();
      const data = join(replicaDir, "data");
      run("pg_basebackup", [
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-U",
        "postgres",
        "-D",
        data,
        "-R",
        "-X",
        "stream",
        "--checkpoint=fast",
      ]);
      const replicaOptions = `-p ${replicaPort} -k ${replicaDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c hot_standby_feedback=on`;
      const control: ServerControl = { bin, dataDir: data, options: replicaOptions, log: join(replicaDir, "log") };
      const server = controlServer(control);
      server.resume();
      const replica = serverAt(replicaPort, server.pause, server.resume, () =>
        rmSync(replicaDir, { recursive: true, force: true }),
      );
      return { ...replica, control };
    },
    async startPgBouncer(poolSize = 4) {
      const bouncerDir = ownedDir("gateway-pgbouncer-");
      const bouncerPort = await freePort();
      const config = join(bouncerDir, "pgbouncer.ini");
      writeFileSync(join(bouncerDir, "users.txt"), '"postgres" ""\n');
      writeFileSync(
        config,
        [
          "[databases]",
          `* = host=127.0.0.1 port=${port}`,
          "[pgbouncer]",
          "listen_addr = 127.0.0.1",
          `listen_port = ${bouncerPort}`,
          `unix_socket_dir = ${bouncerDir}`,
          "auth_type = trust",
          `auth_file = ${join(bouncerDir, "users.txt")}`,
          "pool_mode = transaction",
          "max_client_conn = 1000",
          `default_pool_size = ${poolSize}`,
          "max_db_connections = 100",
          "admin_users = postgres",
          `pidfile = ${join(bouncerDir, "pgbouncer.pid")}`,
          `logfile = ${join(bouncerDir, "pgbouncer.log")}`,
          "",
        ].join("\n"),
      );
      if (uid !== undefined)
        for (const file of ["users.txt", "pgbouncer.ini"]) chownSync(join(bouncerDir, file), uid, uid);
      const command = asRoot ? "runuser" : PGBOUNCER;
      const startBouncer = () => {
        execFileSync(command, asRoot ? ["-u", "postgres", "--", PGBOUNCER, "-d", config] : ["-d", config]);
        // It daemonizes before it listens.
        const probe = `for i in $(seq 200); do (: > /dev/tcp/127.0.0.1/${bouncerPort}) 2>/dev/null && exit 0; sleep 0.05; done; exit 1`;
        execFileSync("bash", ["-c", probe]);
      };
      startBouncer();
      const pause = () => {
        const pid = Number(readFileSync(join(bouncerDir, "pgbouncer.pid"), "utf8").trim());
        process.kill(pid, "SIGTERM");
        for (let i = 0; i < 100 && isAlive(pid); i++) execFileSync("sleep", ["0.05"]);
      };
      return serverAt(bouncerPort, pause, startBouncer, () => rmSync(bouncerDir, { recursive: true, force: true }));
    },
    stop() {
      for (const server of servers) server.stop();
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

/** A PostgreSQL server another process may stop and start (a test stopping the run's replica). */
export interface ServerControl {
  bin: string;
  dataDir: string;
  options: string;
  log: string;
}

export function controlServer(control: ServerControl) {
  const asRoot = process.getuid?.() === 0;
  const pgCtl = (args: string[]) =>
    execFileSync(
      asRoot ? "runuser" : join(control.bin, "pg_ctl"),
      asRoot ? ["-u", "postgres", "--", join(control.bin, "pg_ctl"), ...args] : args,
      {
        stdio: "pipe",
      },
    );
  return {
    pause: (mode: "fast" | "immediate" = "fast") => void pgCtl(["-D", control.dataDir, "-m", mode, "-w", "stop"]),
    resume: () => void pgCtl(["-D", control.dataDir, "-o", control.options, "-l", control.log, "-w", "start"]),
  };
}

/** The Debian package's PgBouncer (1.18 here). */
export const PGBOUNCER = "/usr/sbin/pgbouncer";

export function hasPgBouncer(): boolean {
  return existsSync(PGBOUNCER);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
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
