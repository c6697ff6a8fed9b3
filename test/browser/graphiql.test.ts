// GraphiQL as an analyst uses it: a real server on the seeded demo database, headless
// Chromium opens /graphql, runs the first example tab with the run button and sees the result.
// The screenshot lands in test/artifacts/ (gitignored) for a human look.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, expect, test } from "vitest";
import { freePort } from "../../tools/ports.ts";

const root = new URL("../..", import.meta.url).pathname;
const executablePath = "/usr/bin/chromium";
const hasChromium = existsSync(executablePath);
let server: ChildProcess | undefined;
let browser: Browser | undefined;
const dataDir = mkdtempSync(join(tmpdir(), "gateway-browser-"));

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<string> {
  const port = await freePort();
  const { JWT_SECRET: _secret, RESPONSE_CACHE: _cache, ...inherited } = process.env;
  server = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: "development",
      DATA_DIR: dataDir,
      SEED_SCALE: "1",
      PORT: String(port),
      JOBS: "false",
      LOG_LEVEL: "fatal",
      DATABASE_URL: "",
    },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 120_000; await new Promise((r) => setTimeout(r, 250))) {
    const up = await fetch(`${url}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return url;
    expect(server.exitCode).toBeNull();
  }
  throw new Error("the server did not start within 120 s");
}

test.skipIf(!hasChromium && process.env.CI !== "true")(
  "GraphiQL runs the production example through the UI and shows its result",
  async () => {
    const url = await startServer();
    browser = await chromium.launch({
      executablePath,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const failedRequests: string[] = [];
    page.on("requestfailed", (request) => failedRequests.push(request.url()));
    await page.goto(`${url}/graphql`);
    await page.getByText("query ProductionActiveBatches").first().waitFor({ timeout: 60_000 });

    const responded = page.waitForResponse(
      (response) =>
        response.url().endsWith("/graphql") &&
        response.request().method() === "POST" &&
        response.request().postData()?.includes("ProductionActiveBatches") === true,
    );
    await page.locator(".graphiql-execute-button").click();
    const answer = (await (await responded).json()) as {
      data?: { batches: { totalCount: number; edges: { node: { label: string } }[] } };
      errors?: unknown;
    };
    expect(answer.errors).toBeUndefined();
    const firstLabel = answer.data!.batches.edges[0]!.node.label;

    const resultPane = page.locator(".graphiql-response");
    // Monaco renders spaces as no-break spaces.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: its visible text, as a user reads it
    const shown = async () => (await resultPane.innerText()).replaceAll("\u00a0", " ");
    await expect.poll(shown, { timeout: 30_000 }).toContain(`"label": "${firstLabel}"`);
    expect(await shown()).toContain(`"totalCount": ${answer.data!.batches.totalCount}`);
    expect(failedRequests.filter((request) => !request.startsWith(url))).toEqual([]);

    mkdirSync(join(root, "test/artifacts"), { recursive: true });
    await page.screenshot({ path: join(root, "test/artifacts/graphiql.png") });
  },
  240_000,
);
