// One server per port and one process per embedded database, as a user meets them: a second
// server on a port in use stops at once with one line (it ran on without listening, running
// jobs), a second process on the same DATA_DIR is refused while the first lives, and a dead
// owner's lock is taken over. The development token each start prints fits JWT_MAX_LIFETIME and
// works, and GraphiQL after a restart sends a fresh one.
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, test, vi } from "vitest";
import { openPostgres } from "../../src/data/database.ts";
import { applyPendingMigrations } from "../../src/data/migrations/migrate.ts";
import { freePort } from "../../tools/ports.ts";
import { type PostgresCluster, adminQuery, databaseUrl, findPostgresBin, startPostgres } from "../../tools/postgres.ts";
import { startServer, tempDir, waitFor } from "./processes.ts";

vi.setConfig({ testTimeout: 180_000 });

const bin = findPostgresBin();

/** A port some other program listens on. */
async function takenPort(): Promise<{ port: number; close(): void }> {
  const port = await freePort();
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
  return { port, close: () => holder.close() };
}

function expectOneLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const IN_USE = /^PORT: 127\.0\.0\.1:\d+ is already in use \(EADDRINUSE\)$/;

/** The exit code, or "still running" after `ms` (before, a server on a taken port never exited). */
function exitWithin(server: ReturnType<typeof startServer>, ms = 60_000) {
  return Promise.race([server.exited, new Promise((resolve) => setTimeout(() => resolve("still running"), ms))]);
}

describe("a port already in use", () => {
  test("embedded database: one line naming PORT, exit 1, no job ran, the database lock released", async () => {
    const taken = await takenPort();
    const dataDir = tempDir();
    try {
      const server = startServer({ PORT: String(taken.port), DATA_DIR: dataDir, SEED_SCALE: "0", LOG_LEVEL: "debug" });
      expect(await exitWithin(server)).toBe(1);
      expectOneLine(server.output().stderr, IN_USE);
      expect(server.output().stdout).not.toMatch(/GraphiQL on|"job"|development token/);
      expect(existsSync(join(dataDir, "gateway.lock"))).toBe(false);
    } finally {
      taken.close();
    }
  });

  test.skipIf(!bin && process.env.CI !== "true")("PostgreSQL: one line naming PORT and exit 1", async () => {
    let cluster: PostgresCluster | undefined;
    const taken = await takenPort();
    try {
      cluster = await startPostgres(bin!);
      await adminQuery(cluster.adminUrl, "CREATE DATABASE ports");
      const url = databaseUrl(cluster.adminUrl, "ports");
      const setup = openPostgres(url);
      await applyPendingMigrations(setup);
      await setup.close();
      const server = startServer({
        PORT: String(taken.port),
        DATABASE_URL: url,
        JWT_SECRET: "port-secret-of-at-least-32-characters!!",
      });
      expect(await exitWithin(server)).toBe(1);
      expectOneLine(server.output().stderr, IN_USE);
    } finally {
      taken.close();
      cluster?.stop();
    }
  });
});

/** The development token a server printed at start. */
function printedToken(stdout: string): string {
  const line = stdout.split("\n").find((row) => row.includes("development token"));
  return (JSON.parse(line!) as { token: string }).token;
}

async function ask(port: number, token: string) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ batches(first: 1) { totalCount } }" }),
  });
  return { status: response.status, body: (await response.json()) as { errors?: unknown[] } };
}

test("one process per embedded database: a second is refused, a dead owner's lock taken over; dev tokens", async () => {
  const dataDir = tempDir();
  const lock = join(dataDir, "gateway.lock");
  const [portA, portB, portC] = [await freePort(), await freePort(), await freePort()];

  const first = startServer({ PORT: String(portA), DATA_DIR: dataDir, SEED_SCALE: "0" });
  await waitFor(() => first.output().stdout.includes("GraphiQL on"), 120_000);
  expect(readFileSync(lock, "utf8")).toBe(String(first.child.pid));
  const firstToken = printedToken(first.output().stdout);
  const claims = JSON.parse(Buffer.from(firstToken.split(".")[1]!, "base64url").toString()) as {
    iat: number;
    exp: number;
  };
  expect(claims.exp - claims.iat).toBe(24 * 3600);
  expect((await ask(portA, firstToken)).body.errors).toBeUndefined();

  const second = startServer({ PORT: String(portB), DATA_DIR: dataDir, SEED_SCALE: "0" });
  expect(await exitWithin(second)).toBe(1);
  expectOneLine(
    second.output().stderr,
    new RegExp(`^DATA_DIR: cannot use pglite .*: .* is in use by another process \\(pid ${first.child.pid}, `),
  );
  expect(second.output().stdout).not.toContain("GraphiQL on");

  first.child.kill("SIGKILL"); // a crash: the lock stays behind
  await first.exited;
  expect(readFileSync(lock, "utf8")).toBe(String(first.child.pid));

  const third = startServer({ PORT: String(portC), DATA_DIR: dataDir, SEED_SCALE: "0" });
  await waitFor(() => third.output().stdout.includes("GraphiQL on"), 120_000);
  expect(readFileSync(lock, "utf8")).toBe(String(third.child.pid));
  const page = await (await fetch(`http://127.0.0.1:${portC}/graphql`, { headers: { accept: "text/html" } })).text();
  const graphiqlToken = /Bearer (eyJ[\w-]+\.[\w-]+\.[\w-]+)/.exec(page)?.[1];
  expect(graphiqlToken).toBe(printedToken(third.output().stdout));
  expect(graphiqlToken).not.toBe(firstToken);
  expect((await ask(portC, graphiqlToken!)).body.errors).toBeUndefined();

  third.child.kill("SIGTERM");
  expect(await third.exited).toBe(0);
  expect(existsSync(lock)).toBe(false);
});
