import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { registeredJobs } from "../../src/app/jobs.ts";
import { processStatusSweep } from "../../src/domains/processes/jobs.ts";
import { finishProcess } from "../../src/domains/processes/recorder.ts";
import { pubsub } from "../../src/data/pubsub.ts";
import { createProcessStatus } from "./factories.ts";

test("the sweep is registered as a periodic job", () => {
  expect(registeredJobs()).toContain(processStatusSweep);
});

test("the sweep times out overdue PENDING statuses and purges completed ones past retention", async () => {
  const overdue = await createProcessStatus({ status: "PENDING", deadlineAt: new Date(Date.now() - 5_000) });
  const running = await createProcessStatus({
    status: "PENDING",
    daysAgo: 9,
    deadlineAt: new Date(Date.now() + 60_000),
  });
  const expired = await createProcessStatus({ status: "FAILURE", daysAgo: 8 });
  const recent = await createProcessStatus({ status: "SUCCESS", daysAgo: 6 });

  const outcome = (await processStatusSweep.run()) as { timedOut: number; purged: number };
  expect(outcome).toEqual({ timedOut: 1, purged: 1 });

  const after = await prisma.processStatus.findMany({
    where: { id: { in: [overdue.id, running.id, expired.id, recent.id] } },
  });
  const byId = new Map(after.map((row) => [row.id, row]));
  expect(byId.get(overdue.id)).toMatchObject({ status: "TIMEOUT", completedAt: overdue.deadlineAt });
  expect(byId.get(running.id)?.status).toBe("PENDING");
  expect(byId.has(expired.id)).toBe(false);
  expect(byId.get(recent.id)?.status).toBe("SUCCESS");
  expect(await processStatusSweep.run()).toEqual({ timedOut: 0, purged: 0 });
});

test("finishing a process past its deadline leaves it TIMEOUT", async () => {
  const late = await createProcessStatus({ status: "PENDING", deadlineAt: new Date(Date.now() - 1000) });
  const onTime = await createProcessStatus({ status: "PENDING", deadlineAt: new Date(Date.now() + 60_000) });
  await prisma.$transaction(async (tx) => {
    expect((await finishProcess(tx, late.id, { ok: true })).count).toBe(0);
    expect((await finishProcess(tx, onTime.id, { ok: true })).count).toBe(1);
  });
  expect((await prisma.processStatus.findUniqueOrThrow({ where: { id: onTime.id } })).status).toBe("SUCCESS");
});

test("a process the sweep times out is published to its watchers", async () => {
  const overdue = await createProcessStatus({ status: "PENDING", deadlineAt: new Date(Date.now() - 1000) });
  const events = pubsub.subscribe("processStatusChanged", overdue.id)[Symbol.asyncIterator]();
  const next = events.next();
  await processStatusSweep.run();
  expect((await next).value).toEqual({ processStatusId: overdue.id });
  await events.return?.();
});
