// GraphiQL as an analyst uses it: a real server on the seeded demo database, headless
// Chromium opens /graphql with every other host unreachable (offline), runs the first example
// tab and the production questions tab (a where filter, an ordering and an aggregate) with the
// run button and sees their results; on a second visit the bundle comes from the browser's cache.
// The screenshots land in test/artifacts/ (gitignored) for a human look.
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
  "GraphiQL, offline, runs an example and a questions tab (where, orderBy, aggregate) through the UI; its assets " +
    "come from the cache on a second visit",
  async () => {
    const url = await startServer();
    browser = await chromium.launch({
      executablePath,
      // Offline: no host but this machine resolves, so an asset from a CDN would break the page.
      // (Not page.route: routing turns the HTTP cache off, and the test checks the cache.)
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const failedRequests: string[] = [];
    page.on("requestfailed", (request) => failedRequests.push(request.url()));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const responses: { requestId: string; url: string; fromDiskCache: boolean }[] = [];
    const servedFromCache = new Set<string>();
    cdp.on("Network.requestServedFromCache", ({ requestId }) => servedFromCache.add(requestId));
    cdp.on("Network.responseReceived", ({ requestId, response }) => {
      if (response.url.includes("/graphiql/"))
        responses.push({ requestId, url: response.url, fromDiskCache: response.fromDiskCache === true });
    });
    const fromNetwork = () =>
      responses.filter((r) => !r.fromDiskCache && !servedFromCache.has(r.requestId)).map((r) => r.url);

    const opened = await page.goto(`${url}/graphql`);
    expect((await opened!.text()).length).toBeLessThan(100_000);
    await page.getByText("query ProductionActiveBatches").first().waitFor({ timeout: 60_000 });
    expect(fromNetwork().length).toBeGreaterThanOrEqual(2); // the stylesheet and the bundle at least

    const resultPane = page.locator(".graphiql-response");
    // Monaco renders spaces as no-break spaces.
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator: its visible text, as a user reads it
    const shown = async () => (await resultPane.innerText()).replaceAll("\u00a0", " ");
    const run = async <T>(operation: string) => {
      const responded = page.waitForResponse(
        (response) =>
          response.url().endsWith("/graphql") &&
          response.request().method() === "POST" &&
          response.request().postData()?.includes(operation) === true,
        { timeout: 60_000 },
      );
      const button = page.locator(".graphiql-execute-button");
      await button.click();
      // A click while GraphiQL is still loading the schema is ignored: click once more.
      const first = await Promise.race([
        responded,
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
      ]);
      if (!first) await button.click();
      const answer = (await (first ?? (await responded)).json()) as { data?: T; errors?: unknown };
      expect(answer.errors).toBeUndefined();
      return answer.data!;
    };

    const active = await run<{ batches: { totalCount: number; edges: { node: { label: string } }[] } }>(
      "ProductionActiveBatches",
    );
    await expect.poll(shown, { timeout: 30_000 }).toContain(`"label": "${active.batches.edges[0]!.node.label}"`);
    expect(await shown()).toContain(`"totalCount": ${active.batches.totalCount}`);

    // The questions tab: where, orderBy and aggregate in one operation.
    // A dispatched click: the tabs can be dragged to reorder, and the drag handling takes a mouse click for a drag.
    await page
      .locator(".graphiql-tab", { hasText: "ProductionQuestions" })
      .locator(".graphiql-tab-button")
      .dispatchEvent("click");
    await page.getByText("query ProductionQuestions").first().waitFor({ timeout: 30_000 });
    type Questions = {
      batches: {
        totalCount: number;
        edges: { node: { label: string } }[];
        aggregate: { count: number; groupBy: { count: number }[] };
      };
    };
    const questions = await run<Questions>("ProductionQuestions");
    expect(questions.batches.aggregate.count).toBe(questions.batches.totalCount);
    expect(questions.batches.aggregate.groupBy.length).toBeGreaterThan(0);
    await expect.poll(shown, { timeout: 30_000 }).toContain(`"label": "${questions.batches.edges[0]!.node.label}"`);
    // The editor renders only the lines in view: the aggregate below them was checked in the answer above.
    expect(await shown()).toContain(`"totalCount": ${questions.batches.totalCount}`);
    expect(failedRequests).toEqual([]);

    mkdirSync(join(root, "test/artifacts"), { recursive: true });
    await page.screenshot({ path: join(root, "test/artifacts/graphiql.png") });

    // A second visit: the hashed assets are immutable, so none is fetched again.
    responses.length = 0;
    await page.goto(`${url}/graphql`);
    // GraphiQL reopens the tab last used.
    await page.getByText("query ProductionQuestions").first().waitFor({ timeout: 60_000 });
    expect(responses.length + servedFromCache.size).toBeGreaterThan(0);
    expect(fromNetwork()).toEqual([]);
  },
  240_000,
);
