// Never a different answer: thousands of generated queries (seeded: PLANNER_SEED, PLANNER_CASES)
// over the demo data, each answered twice — planned into SQL and through every field's own
// loaders (PLANNER=false) — and the two answers compared exactly, errors included.
import { getNamedType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { schema } from "../../src/app/schema.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";
import { type Pools, QueryGenerator, collectPools, prng } from "./generator.ts";

const SEED = Number(process.env.PLANNER_SEED ?? 20261130);
const CASES = Number(process.env.PLANNER_CASES ?? 1500);

const LISTS = [
  "batches",
  "cycles",
  "queues",
  "workOrders",
  "letterBatches",
  "messages",
  "provisioningBatches",
  "subscriptions",
  "events",
];
const ROOTS = [
  ...LISTS,
  ...["batch", "cycle", "queue", "workOrder", "letterBatch", "provisioningBatch", "processStatus", "processStatuses"],
  ...["processStatusesByEntity", "messagesByIds", "subscription", "batchStatusSummary", "node", "nodes"],
];

const planned = createGateway({ planner: true });
const plain = createGateway({ planner: false });
let authorization = "";

async function ask(gateway: typeof planned, body: { query: string; variables: Record<string, unknown> }) {
  const response = await gateway.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { data?: unknown; errors?: { message: string; path?: unknown[] }[] };
  // Once a failing non-null field nulls its parent, graphql-js reports the errors of the fields
  // that failed before that happened, which depends on the order fields resolved in — planned
  // fields resolve at once, loaded ones later. So the answers are compared by their data and by
  // whether they failed (unexpected errors are refused outright, below); the data shows where.
  const errors = json.errors?.map((e) => e.message);
  return { status: response.status, data: json.data, failed: Boolean(errors?.length), errors };
}

describe("the planner answers exactly as the loaders do", () => {
  const pools: Pools = { ids: new Map(), cursors: new Map() };

  beforeAll(async () => {
    await seedDemoData(prisma, { scale: 1 });
    authorization = `Bearer ${await tokenFor()}`;
    // Ids and cursors to start from: the first page of every list.
    for (const root of LISTS) {
      const field = schema.getQueryType()!.getFields()[root]!;
      const { data } = await ask(plain, {
        query: `{ ${root}(first: 20) { edges { cursor node { __typename id } } } }`,
        variables: {},
      });
      collectPools(pools, schema, (data as Record<string, unknown>)[root], getNamedType(field.type), `Query.${root}`);
    }
    expect(pools.ids.get("Batch")!.length).toBe(20);
  }, 120_000);

  test(`${CASES} generated queries (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = prng(SEED);
    const generator = new QueryGenerator({ schema, random, pools, roots: ROOTS });
    let compared = 0;
    let answered = 0;
    for (let i = 0; i < CASES; i++) {
      const request = generator.generate();
      const [a, b] = await Promise.all([ask(planned, request), ask(plain, request)]);
      // An error common to both answers would compare equal: none may be an unexpected (masked) one.
      const internal = [...(a.errors ?? []), ...(b.errors ?? [])].filter((error) => error.includes("Unexpected error"));
      if (internal.length) console.error(JSON.stringify({ case: i, ...request }, null, 1));
      expect(internal, `case ${i}`).toEqual([]);
      const [x, y] = [a, b].map(({ errors: _messages, ...answer }) => answer);
      if (JSON.stringify(x) !== JSON.stringify(y)) {
        console.error(JSON.stringify({ case: i, ...request }, null, 1));
        expect({ case: i, seed: SEED, ...request, planned: a }).toEqual({
          case: i,
          seed: SEED,
          ...request,
          planned: { ...b, errors: a.errors },
        });
      }
      if (a.data) collectPools(pools, schema, a.data, schema.getQueryType()!);
      if (a.data && !a.errors) answered++;
      compared++;
    }
    expect(compared).toBe(CASES);
    // Most cases must be answered without errors, or the comparison proves little.
    expect(answered / CASES).toBeGreaterThan(0.6);
    console.info(`${answered} of ${CASES} generated queries answered without errors`);
  });
});
