// A throwaway redis-server for the response-cache tests that need one (skipped when it is not
// installed, except under CI=true).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createServer } from "node:net";
import { freePort } from "../../tools/ports.ts";

export const hasRedis = (() => {
  try {
    return Boolean(execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim());
  } catch {
    return false;
  }
})();

/** Starts redis-server on a free port; the caller kills the returned process. */
export async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: "ignore" },
  );
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createServer()
        .listen(port, "127.0.0.1", () => socket.close(() => resolve(false)))
        .on("error", () => resolve(true));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, process: child };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not start");
}
