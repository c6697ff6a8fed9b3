// Read replicas against the run's real streaming replica (test/setup/global.ts: pg_basebackup -R
// from the throwaway primary). Replay is paused on the replica where a test must tell which
// server answered: a read that shows the old value came from the replica.
import { vi } from "vitest";

vi.hoisted(() => {
  if (process.env.TEST_REPLICA_URL) {
    process.env.DATABASE_REPLICA_URLS = process.env.TEST_REPLICA_URL;
    // Replay is paused for whole tests here; lag must not take the replica out of rotation then.
    process.env.REPLICA_MAX_LAG = "10m";
  }
});

import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { controlServer } from "../../tools/postgres.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { db, prisma, readsFromReplica } from "../../src/data/db.ts";
import { mintToken } from "../../src/pipeline/security/tokens.ts";
import { ALL_SCOPES } from "../../src/graphql/scopes.ts";
import { formatWalPosition, parseWalPosition } from "../../src/data/replicas/wal-position.ts";
import { post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { subscribeSse } from "../subscriptions/stream.ts";

const replicaUrl = process.env.TEST_REPLICA_URL;
const replica = replicaUrl ? new pg.Pool({ connectionString: replicaUrl, max: 1 }) : undefined;
replica?.on("error", () => {}); // its connection is cut when the replica stops below
const tokenOf = async (subject: string) => `Bearer ${await mintToken({ scopes: ALL_SCOPES, subject })}`;

const READ = "query($id: ID!) { batch(id: $id) { label } }";
const UPDATE = "mutation($input: UpdateBatchInput!) { updateBatch(input: $input) { batch { label } } }";

async function labelOf(id: string, headers: Record<string, string>) {
  const result = await post<{ batch: { label: string } }>({ query: READ, variables: { id } }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.batch.label;
}

async function rename(id: string, label: string, authorization: string) {
  const result = await post<unknown>({ query: UPDATE, variables: { input: { id, label } } }, { authorization });
  expect(result.errors).toBeUndefined();
  return result.headers;
}

/** Waits until the replica has replayed everything the primary has now. */
async function replicaCaughtUp() {
  const [{ position }] = await prisma.$queryRaw<
    { position: string }[]
  >`SELECT pg_current_wal_insert_lsn()::text AS position`;
  for (let i = 0; i < 200; i++) {
    const { rows } = await replica!.query("SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS done", [position]);
    if (rows[0].done) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the replica did not catch up");
}

test("WAL positions: parsed as pg_lsn text, compared as numbers, written back the same", () => {
  const positions = ["0/0", "0/3000148", "16/B374D848", "FFFFFFFF/FFFFFFFF"];
  const parsed = positions.map((text) => parseWalPosition(text));
  expect(parsed).toHaveLength(4);
  for (const [i, position] of parsed.entries()) expect(formatWalPosition(position!)).toBe(positions[i]);
  expect(parsed[2]! > parsed[1]!).toBe(true);
  expect(parsed[3]! > parsed[2]!).toBe(true);
  for (const bad of ["", "3000148", "0/", "/1", "0/3000148x", "G/1", "123456789/0"])
    expect(parseWalPosition(bad)).toBeUndefined();
});

describe.skipIf(!replicaUrl)("read replicas", () => {
  let rawId: number;
  let batchId: string;
  beforeAll(async () => {
    const { batches } = await createBatches(1);
    rawId = batches[0]!.id;
    batchId = globalId("Batch", rawId);
    await replicaCaughtUp();
  });
  afterAll(async () => {
    await replica?.query("SELECT pg_wal_replay_resume()").catch(() => undefined);
    await replica?.end();
  });

  /**
   * With replay paused, `label` is written on the primary only: a query that still shows the old
   * label was answered by the replica. Replay resumes and catches up before this returns.
   */
  async function expectReadFromReplica(reader: string, label: string) {
    await replicaCaughtUp();
    const before = await labelOf(batchId, { authorization: reader });
    await replica!.query("SELECT pg_wal_replay_pause()");
    try {
      await prisma.batch.update({ where: { id: rawId }, data: { label } });
      expect(await labelOf(batchId, { authorization: reader })).toBe(before);
    } finally {
      await replica!.query("SELECT pg_wal_replay_resume()");
    }
    await replicaCaughtUp();
  }

  test("a query's reads land on the replica; a probe there is in recovery", async () => {
    const [probe] = await readsFromReplica(undefined, () =>
      db.query<{ recovery: boolean }>(Prisma.sql`SELECT pg_is_in_recovery() AS recovery`),
    );
    expect(probe!.recovery).toBe(true);
    const [outside] = await db.query<{ recovery: boolean }>(Prisma.sql`SELECT pg_is_in_recovery() AS recovery`);
    expect(outside!.recovery).toBe(false);

    // With replay paused, a change written on the primary is not on the replica: a query that shows the old label read there.
    const reader = await tokenOf("replica-reader");
    await expectReadFromReplica(reader, "written behind the replica's back");
    expect(await labelOf(batchId, { authorization: reader })).toBe("written behind the replica's back");
  });

  test("after a mutation, its WAL position (header or cookie) and its token make the next read see it, replay paused or not", async () => {
    const writer = await tokenOf("replica-writer");
    const other = await tokenOf("replica-other");
    await replica!.query("SELECT pg_wal_replay_pause()");
    try {
      const headers = await rename(batchId, "renamed while replay is paused", writer);
      const position = headers.get("x-wal-position");
      expect(position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect(headers.get("set-cookie")).toContain(`gateway_wal_position=${encodeURIComponent(position!)}`);
      // Another token without the position reads the replica, which has not replayed it.
      expect(await labelOf(batchId, { authorization: other })).not.toBe("renamed while replay is paused");
      // The position as a header, as the cookie, or the writer's own token: the primary answers.
      expect(await labelOf(batchId, { authorization: other, "x-wal-position": position! })).toBe(
        "renamed while replay is paused",
      );
      expect(
        await labelOf(batchId, {
          authorization: other,
          cookie: `gateway_wal_position=${encodeURIComponent(position!)}`,
        }),
      ).toBe("renamed while replay is paused");
      expect(await labelOf(batchId, { authorization: writer })).toBe("renamed while replay is paused");
    } finally {
      await replica!.query("SELECT pg_wal_replay_resume()");
    }
  });

  test("a malformed X-WAL-Position header is BAD_USER_INPUT before any SQL; a malformed cookie is ignored", async () => {
    const reader = await tokenOf("replica-malformed");
    const refused = await post<unknown>(
      { query: READ, variables: { id: batchId } },
      { authorization: reader, "x-wal-position": "yesterday" },
    );
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "X-WAL-Position" });
    expect(await labelOf(batchId, { authorization: reader, cookie: "gateway_wal_position=%E0%A4%A" })).toEqual(
      expect.any(String),
    );
  });

  test("100 rounds of a mutation followed at once by a read of the same row return the new value every time", async () => {
    const writer = await tokenOf("replica-rounds");
    const reader = await tokenOf("replica-rounds-reader");
    const seen: string[] = [];
    for (let round = 0; round < 100; round++) {
      const headers = await rename(batchId, `round ${round}`, writer);
      seen.push(await labelOf(batchId, { authorization: reader, "x-wal-position": headers.get("x-wal-position")! }));
    }
    expect(seen).toHaveLength(100);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, round) => `round ${round}`));
  });

  test("a subscription's events read from the replica, and each shows the change it announces", async () => {
    const writer = await tokenOf("replica-subscription-writer");
    await replicaCaughtUp();
    type Event = { data: { batchStatusChanged: { label: string } } };
    const stream = await subscribeSse<Event>("subscription($id: ID!) { batchStatusChanged(id: $id) { label } }", {
      id: batchId,
    });
    try {
      await stream.next(); // the current state
      const fromReplica = db.replicas!.reads.replica;
      const labels: string[] = [];
      for (let round = 0; round < 20; round++) {
        await rename(batchId, `event ${round}`, writer);
        labels.push((await stream.next()).data.batchStatusChanged.label);
      }
      expect(labels).toHaveLength(20);
      expect(labels).toEqual(Array.from({ length: 20 }, (_, round) => `event ${round}`));
      expect(db.replicas!.reads.replica).toBeGreaterThan(fromReplica);
    } finally {
      await stream.close();
    }
  });

  test("the replica stopped under load costs no failed request, and is used again once it is back", async () => {
    const server = controlServer(JSON.parse(inject("replicaControl")));
    const reader = await tokenOf("replica-load");
    const answers: { status: number; errors?: unknown }[] = [];
    let loading = true;
    const load = async () => {
      while (loading) {
        const result = await post({ query: READ, variables: { id: batchId } }, { authorization: reader });
        answers.push({ status: result.status, errors: result.errors });
      }
    };
    const loops = Array.from({ length: 4 }, load);
    const state = () => db.replicas!.replicas[0]!.inRotation;
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      server.pause("fast");
      await waitUntil(() => state() === false);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      server.resume();
    }
    await waitUntil(() => state() === true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    loading = false;
    await Promise.all(loops);
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((answer) => answer.status !== 200 || answer.errors)).toEqual([]);

    // Back in rotation: queries read from it again.
    await expectReadFromReplica(reader, "after the replica came back");
  }, 60_000);
});

async function waitUntil(check: () => boolean, timeoutMs = 20_000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
