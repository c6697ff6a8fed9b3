// `npm run token` as a user runs it: help, unknown flags and refused lifetimes are a message
// and an exit code, never a stack trace.
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

const root = new URL("../..", import.meta.url).pathname;

function token(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/token.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, JWT_SECRET: "cli-secret-of-at-least-32-characters!!", JWT_MAX_LIFETIME: "" },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

test("--help and -h print the usage and exit 0", () => {
  for (const flag of ["--help", "-h"]) {
    const run = token(flag);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run token -- /);
    for (const option of ["--scopes", "--ttl", "--subject", "JWT_MAX_LIFETIME"]) expect(run.stdout).toContain(option);
    noStack(run.stderr);
  }
});

test("an unknown flag or a missing value names the problem, prints the usage and exits 2", () => {
  for (const args of [["--bogus"], ["--ttl"]]) {
    const run = token(...args);
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toMatch(/^(Unknown option '--bogus'|Option '--ttl <value>' argument missing)/);
    expect(run.stderr).toContain("Usage: npm run token");
    expect(run.stdout).toBe("");
    noStack(run.stderr);
  }
});

test("a --ttl longer than JWT_MAX_LIFETIME is refused in one line; one within it prints a token", () => {
  const refused = token("--ttl", "30d");
  expect(refused.status).toBe(1);
  expect(refused.stderr.trim()).toBe(
    "the ttl 30d is longer than JWT_MAX_LIFETIME (24h): the gateway would refuse the token",
  );
  expect(refused.stdout).toBe("");
  const minted = token("--ttl", "2h", "--scopes", "batch:read");
  expect(minted.status).toBe(0);
  const claims = JSON.parse(Buffer.from(minted.stdout.trim().split(".")[1]!, "base64url").toString()) as {
    exp: number;
    iat: number;
  };
  expect(claims.exp - claims.iat).toBe(7200);
});
