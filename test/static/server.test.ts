// The server as a user runs it: a real process, real signals, real exit codes.
import type { ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { request as httpRequest } from "node:http";
import { describe, expect, test, vi } from "vitest";
import { freePort } from "../../tools/ports.ts";
import { startServer, tempDir, waitFor } from "./processes.ts";

// Each test starts a real server process (tsx compile, migrations): slow on a loaded machine.
vi.setConfig({ testTimeout: 120_000 });

describe("start-up failures", () => {
  test("a malformed DATABASE_URL is one line naming the variable, and exit code 1", async () => {
    const server = startServer({ DATABASE_URL: "not a url" });
    expect(await server.exited).toBe(1);
    const lines = server.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL /);
  });

  test("an unreachable database is one line naming the variable and the cause", async () => {
    const port = await freePort();
    const server = startServer({ DATABASE_URL: `postgresql://nobody@127.0.0.1:${port}/nowhere` });
    expect(await server.exited).toBe(1);
    const lines = server.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DATABASE_URL: cannot use postgresql:\/\/127\.0\.0\.1:\d+\/nowhere: .*ECONNREFUSED/);
  });

  test("production without JWT configuration refuses to start", async () => {
    const server = startServer({ NODE_ENV: "production", DATA_DIR: tempDir() });
    expect(await server.exited).toBe(1);
    expect(server.output().stderr).toMatch(/JWT_SECRET/);
  });

  test("production with RS256 tokens and no CURSOR_SECRET refuses to start: one line naming CURSOR_SECRET", async () => {
    const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const pem = publicKey.export({ type: "spki", format: "pem" }).toString();
    const server = startServer({ NODE_ENV: "production", DATA_DIR: tempDir(), JWT_PUBLIC_KEY: pem });
    expect(await server.exited).toBe(1);
    const lines = server.output().stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^CURSOR_SECRET must be set/);
  });
});

describe("serving and shutting down", () => {
  let server: ReturnType<typeof startServer> & { child: ChildProcess };

  test("serves GraphQL on PORT, finishes in-flight requests on SIGTERM, then exits 0", async () => {
    const port = await freePort();
    server = startServer({ PORT: String(port), DATA_DIR: tempDir(), SEED_SCALE: "0" });
    await waitFor(() => server.output().stdout.includes("GraphiQL on"));
    const tokenLine = server
      .output()
      .stdout.split("\n")
      .find((line) => line.includes("development token"));
    expect(tokenLine).toBeDefined();

    const graphiql = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: "text/html" } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain("Authorization");

    // A request whose body is still arriving when SIGTERM comes: the server must finish it.
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ query: "{ __typename }" });
      const request = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: "/graphql",
          method: "POST",
          headers: { "content-type": "application/json", "content-length": body.length },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
        },
      );
      request.on("error", reject);
      request.write(body.slice(0, 5));
      setTimeout(() => {
        server.child.kill("SIGTERM");
        setTimeout(() => request.end(body.slice(5)), 300);
      }, 200);
    });
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body).data).toEqual({ __typename: "Query" });
    expect(await server.exited).toBe(0);
    expect(server.output().stdout).toContain("stopped");
  }, 120_000);
});
