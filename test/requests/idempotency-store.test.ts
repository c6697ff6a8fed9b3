import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { registeredJobs } from "../../src/app/jobs.ts";
import { decide } from "../../src/pipeline/requests/idempotency.ts";
import { claim, release, storeResponse } from "../../src/data/idempotency/store.ts";
import { idempotentRequestPurge, purgeIdempotentRequests } from "../../src/pipeline/requests/jobs.ts";

const ago = (ms: number) => new Date(Date.now() - ms);

test("a request id is claimed once; a released claim is taken over (resumed) at once, by the same operation only", async () => {
  const id = randomUUID();
  expect(await claim(id, "Op:1")).toBe("new");
  expect(await claim(id, "Op:1")).toBeNull();
  await release(id);
  expect(await claim(id, "Op:2")).toBeNull();
  expect(await claim(id, "Op:1")).toBe("resumed");
  expect(await claim(id, "Op:1")).toBeNull();
});

test("a duplicate waiting on a first request that never answers gets a CONFLICT saying so", async () => {
  const id = randomUUID();
  await claim(id, "Op:1");
  const decision = await decide(id, "Op:1", undefined, 200);
  expect(decision.kind).toBe("refuse");
  if (decision.kind === "refuse") expect(decision.error.message).toMatch(/still being processed/);
});

test("a stored response is replayed; a claim whose lease (IDEMPOTENCY_LEASE) ran out is taken over", async () => {
  const done = randomUUID();
  await claim(done, "Op:1");
  await storeResponse(done, JSON.stringify({ data: { ok: true } }));
  expect(await decide(done, "Op:1")).toEqual({ kind: "replay", result: { data: { ok: true } } });

  const held = randomUUID();
  await claim(held, "Op:1", 200);
  expect((await decide(held, "Op:1", undefined, 0)).kind).toBe("refuse");
  await new Promise((resolve) => setTimeout(resolve, 250));
  expect(await decide(held, "Op:1")).toEqual({ kind: "run", committed: new Map() });
});

test("request ids older than IDEMPOTENCY_RETENTION (24h) are purged by a registered job", async () => {
  expect(registeredJobs()).toContain(idempotentRequestPurge);
  const [old, fresh] = [randomUUID(), randomUUID()];
  for (const id of [old, fresh]) {
    await claim(id, "Op:1");
    await storeResponse(id, "{}");
  }
  await prisma.idempotentRequest.update({ where: { requestId: old }, data: { createdAt: ago(25 * 3_600_000) } });
  expect(await purgeIdempotentRequests()).toBe(1);
  const left = await prisma.idempotentRequest.findMany({ where: { requestId: { in: [old, fresh] } } });
  expect(left.map((row) => row.requestId)).toEqual([fresh]);
});
