// 10,000 random and malformed requests: every answer is a well-formed GraphQL result or error,
// never a crash, a hang or a 5xx, and never internals. Reproducible from FUZZ_SEED.
import { expect, inject, test } from "vitest";
import { yoga } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";
import { prng } from "./hostile-values.ts";

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);

const random = prng(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (max: number) => Math.floor(random() * max);
const words = [
  "batches",
  "batch",
  "node",
  "nodes",
  "edges",
  "node",
  "id",
  "label",
  "workOrder",
  "queue",
  "location",
  "totalCount",
  "first",
  "after",
  "__typename",
  "__schema",
  "query",
  "mutation",
  "subscription",
  "fragment",
  "on",
  "...",
  "{",
  "}",
  "(",
  ")",
  ":",
  "$x",
  "!",
  "[",
  "]",
  "@skip",
  '"',
  "#",
  "=",
  "1e999",
  "-1",
  "null",
  "\u0000",
  "😀",
];

function graphqlish(): string {
  switch (int(6)) {
    case 0:
      return Array.from({ length: int(60) }, () => pick(words)).join(pick([" ", "", "\n"]));
    case 1:
      return `{${"a{".repeat(int(3000))}`;
    case 2:
      return `{ batches(first: ${pick(["101", "-1", '"x"', "1e40", "null", "[1]", "{a:1}"])}) { totalCount } }`;
    case 3:
      return `{ batch(id: "${"x".repeat(int(100_000))}") { id } }`;
    case 4:
      return `{ batches(after: "${Buffer.from(String(random())).toString("base64")}") { edges { cursor } } }`;
    default:
      return `query Q($f: Int) { batches(first: $f) { totalCount } }`;
  }
}

function body(): string {
  switch (int(8)) {
    case 0:
      return JSON.stringify({ query: graphqlish() }).slice(0, int(200));
    case 1:
      return String.fromCharCode(...Array.from({ length: int(200) }, () => int(65536)));
    case 2:
      return JSON.stringify({ query: pick([42, null, [], {}, true]), variables: pick(["x", [], 3]) });
    case 3:
      return JSON.stringify({
        query: graphqlish(),
        variables: { f: pick(["x", -5, 1e20, [], {}, null]) },
        operationName: pick([3, "Q", "Nope", null]),
      });
    case 4:
      return JSON.stringify(Array.from({ length: int(14) }, () => ({ query: graphqlish() })));
    case 5:
      return "[".repeat(int(10_000));
    case 6:
      return JSON.stringify({
        query: "{ __typename }",
        extensions: { persistedQuery: { sha256Hash: "x", version: 1 } },
      });
    default:
      return JSON.stringify({ query: graphqlish() });
  }
}

async function send(token: string): Promise<{ response: Response; request: string }> {
  const method = pick(["POST", "POST", "POST", "POST", "GET", "PUT", "DELETE"]);
  const headers: Record<string, string> = {
    "content-type": pick([
      "application/json",
      "application/json",
      "text/plain",
      "application/graphql",
      "multipart/form-data",
    ]),
  };
  if (random() < 0.8)
    headers.authorization = random() < 0.9 ? `Bearer ${token}` : pick(["Bearer", "Basic xx", `Bearer ${token}x`]);
  const url =
    method === "GET"
      ? `http://gateway.test/graphql?query=${encodeURIComponent(graphqlish())}`
      : "http://gateway.test/graphql";
  const payload = method === "GET" ? undefined : body();
  const request = `${method} ${url.slice(0, 300)} ${JSON.stringify(headers)} ${payload?.slice(0, 300)}`;
  return { response: await yoga.fetch(url, { method, headers, body: payload }), request };
}

const INTERNALS = /\bat [\w.<>]+ \(|node_modules|prisma|SELECT |\.ts:\d+/;

test.skipIf(inject("databaseKind") === "pglite")(
  `${TOTAL} random requests get well-formed answers (seed ${SEED})`,
  async () => {
    const token = await tokenFor(["batch:read", "batch:all"]);
    const statuses = new Map<number, number>();
    for (let i = 0; i < TOTAL; i++) {
      const { response, request } = await Promise.race([
        send(token),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`request ${i} hung`)), 10_000)),
      ]);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      expect(response.status, `request ${i} (${request}): ${text.slice(0, 200)}`).toBeLessThan(500);
      expect(text).not.toMatch(INTERNALS);
      if (response.headers.get("content-type")?.includes("json")) {
        const json = JSON.parse(text) as unknown;
        for (const result of Array.isArray(json) ? json : [json]) {
          expect(result).toSatisfy(
            (r: { data?: unknown; errors?: { message?: unknown }[] }) =>
              "data" in r || (Array.isArray(r.errors) && r.errors.every((e) => typeof e.message === "string")),
          );
        }
      }
    }
    console.info(`fuzz: ${TOTAL} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  },
  600_000,
);
