// Gateway server processes for tests, started as `npm start` runs them: one process each, with
// its output kept, its exit awaited, and everything killed and removed after the file.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
});

export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), "gateway-server-"));
  dirs.push(dir);
  return dir;
}

export function startServer(env: Record<string, string>) {
  // One process, as `npm start` runs it (the tsx CLI would relay signals to a child).
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", LOG_LEVEL: "info", DATABASE_URL: "", ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

export async function waitFor(check: () => boolean, timeoutMs = 60_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
