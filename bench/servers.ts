// The servers under test run as child processes, one at a time, so each is measured alone:
// its resident memory is sampled from /proc while it serves.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface RssSample {
  /** Milliseconds since the server was started. */
  at: number;
  rssKb: number;
}

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  /** Epoch milliseconds when the process was spawned; samples count from here. */
  startedAt: number;
  samples: RssSample[];
  /** CPU time used so far (user + system), in ms, at the kernel's tick resolution (usually 10 ms). */
  cpuMs(): number;
  /**
   * Resolves once the process has (nearly) stopped using CPU: when autocannon ends a run, the
   * requests it left in flight are still being answered and would slow the next run down.
   */
  idle(): Promise<void>;
  /** Peak resident set size so far (VmHWM), in kB. */
  peakRssKb(): number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  /** A request the server must answer with 200 before it counts as up. */
  probe: { path: string; body: string; headers: Record<string, string> };
}

function procStatus(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
}

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

function cpuTimeMs(pid: number): number {
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name (which may hold spaces).
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function waitIdle(pid: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const before = cpuTimeMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Two ticks in 300 ms: a few percent of a core, what an idle Node process with timers uses at most.
    if (cpuTimeMs(pid) - before <= 20 || Date.now() > deadline) return;
  }
}

async function waitUntilUp(child: ChildProcess, url: string, spec: ServerSpec, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${spec.name} exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url + spec.probe.path, {
        method: "POST",
        headers: spec.probe.headers,
        body: spec.probe.body,
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${spec.name} did not answer within 120 s:\n${output()}`);
}

export async function startServer(spec: ServerSpec, port: number): Promise<RunningServer> {
  const started = Date.now();
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd,
    env: { ...process.env, ...spec.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Kept short: enough to explain a failed start without holding a long log in memory.
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(child, url, spec, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const pid = child.pid!;
  const samples: RssSample[] = [];
  const timer = setInterval(() => samples.push({ at: Date.now() - started, rssKb: procStatus(pid, "VmRSS") }), 500);
  return {
    name: spec.name,
    url,
    pid,
    startedAt: started,
    samples,
    peakRssKb: () => procStatus(pid, "VmHWM"),
    cpuMs: () => cpuTimeMs(pid),
    idle: () => waitIdle(pid),
    stop: async () => {
      clearInterval(timer);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(force);
    },
  };
}
