// Requests generated from the schema (schema-fuzz.ts): valid shapes with hostile values. Every
// answer is below 500, carries no internals, and comes within STATEMENT_TIMEOUT + 1 s. Masked
// field errors (INTERNAL_SERVER_ERROR at HTTP 200) are listed, and fail the run with FUZZ_STRICT=true.
// Reproducible: FUZZ_SEED picks the requests, FUZZ_SCHEMA_REQUESTS how many.
import { expect, inject, test } from "vitest";
import { env } from "../../src/config/env.ts";
import { schema } from "../../src/app/schema.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { SchemaFuzzer } from "./schema-fuzz.ts";

const TOTAL = Number(process.env.FUZZ_SCHEMA_REQUESTS ?? 1_500);
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const INTERNALS = /\bat [\w.<>]+ \(|node_modules|prisma|SELECT |\.ts:\d+/;
const SLOWEST_MS = env.statementTimeoutMs + 1_000;
// As deployed: with the response cache, which reads every request's variables first.
const gateway = createGateway({ responseCache: { enabled: true } });

const onPostgres = inject("databaseKind") === "postgres";

test.runIf(onPostgres)(
  `${TOTAL} requests generated from the schema (seed ${SEED})`,
  async () => {
    const { queue, workOrder, batches } = await createBatches(3);
    const knownIds = [
      globalId("Queue", queue.id),
      globalId("WorkOrder", workOrder.id),
      ...batches.map((batch) => globalId("Batch", batch.id)),
    ];
    const fuzzer = new SchemaFuzzer(schema, SEED, knownIds);
    const tokens = [await tokenFor(), await tokenFor(["batch:read"]), ""];
    const statuses = new Map<number, number>();
    let slowest = 0;
    const masked: string[] = [];
    for (let i = 0; i < TOTAL; i++) {
      const { body, summary } = fuzzer.request();
      const token = tokens[i % 7 === 0 ? 1 + (i % 2) : 0]!;
      const started = performance.now();
      const response = await gateway.fetch("http://gateway.test/graphql", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body,
      });
      const text = await response.text();
      const elapsed = performance.now() - started;
      slowest = Math.max(slowest, elapsed);
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const where = `request ${i} of seed ${SEED} (${summary.slice(0, 600)}): ${text.slice(0, 300)}`;
      expect(response.status, where).toBeLessThan(500);
      expect(elapsed, where).toBeLessThan(SLOWEST_MS);
      expect(text, where).not.toMatch(INTERNALS);
      const result = JSON.parse(text) as { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
      expect("data" in result || Array.isArray(result.errors), where).toBe(true);
      if (result.errors?.some((error) => error.extensions?.code === "INTERNAL_SERVER_ERROR")) masked.push(where);
    }
    const counts = JSON.stringify(Object.fromEntries(statuses));
    console.info(`schema fuzz: ${TOTAL} requests, statuses ${counts}, slowest ${slowest.toFixed(0)} ms`);
    if (masked.length) {
      console.warn(`schema fuzz: ${masked.length} masked errors, e.g.\n${masked.slice(0, 10).join("\n")}`);
    }
    if (process.env.FUZZ_STRICT === "true") expect(masked).toEqual([]);
  },
  600_000,
);
