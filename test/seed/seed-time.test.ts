// The demo data is relative to the time of seeding: seeded now, it reads as recent through the
// API (no process status or provisioning batch has expired; work is due this week; things
// failed yesterday). Seeded with a fixed `now`, the same rows come back every time, and
// another `now` moves every instant by the same amount.
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { post } from "../client.ts";
import { globalId } from "../factories.ts";

const DAY = 86_400_000;
const count = async (sql: string, ...values: unknown[]) =>
  (await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${sql}`, ...values))[0]!.n;
const startOfDay = (instant: Date) => new Date(Math.floor(instant.getTime() / DAY) * DAY);

async function totalCount(query: string, variables: Record<string, unknown>): Promise<number> {
  const result = await post<Record<string, { totalCount: number }>>({ query, variables });
  expect(result.errors).toBeUndefined();
  return Object.values(result.data!)[0]!.totalCount;
}

test("seeded now, the demo data reads as recent through the API", async () => {
  const now = new Date();
  const report = await seedDemoData(prisma, { scale: 1, reset: true });
  expect(Math.abs(report.now.getTime() - now.getTime())).toBeLessThan(60_000);

  // Every seeded process status is still there (none completed longer than the 7-day retention ago).
  const ids = Array.from({ length: report.rows.process_status }, (_, i) => globalId("ProcessStatus", i + 1));
  const statuses = await post<{ processStatuses: unknown[] }>({
    query: "query($ids: [ID!]!) { processStatuses(ids: $ids) { id } }",
    variables: { ids },
  });
  expect(statuses.data?.processStatuses).toHaveLength(report.rows.process_status);
  expect(await totalCount("{ provisioningBatches(first: 1) { totalCount } }", {})).toBe(report.rows.provisioning_batch);

  const week = { dueFrom: now.toISOString(), dueTo: new Date(now.getTime() + 7 * DAY).toISOString() };
  expect(
    await totalCount("query($f: BatchFilter) { batches(first: 1, filter: $f) { totalCount } }", { f: week }),
  ).toBeGreaterThan(0);
  expect(
    await totalCount("query($f: WorkOrderFilter) { workOrders(first: 1, filter: $f) { totalCount } }", { f: week }),
  ).toBeGreaterThan(0);

  const today = startOfDay(now);
  const yesterday = {
    status: ["FAILED"],
    scheduledFrom: new Date(today.getTime() - DAY).toISOString(),
    scheduledTo: today.toISOString(),
  };
  expect(
    await totalCount("query($f: MessageFilter) { messages(first: 1, filter: $f) { totalCount } }", { f: yesterday }),
  ).toBeGreaterThan(0);
  const scheduled = { status: ["SCHEDULED"], scheduledFrom: now.toISOString() };
  expect(
    await totalCount("query($f: MessageFilter) { messages(first: 1, filter: $f) { totalCount } }", { f: scheduled }),
  ).toBeGreaterThan(10);
}, 120_000);

test.each(["00:00:01", "12:00:00", "23:59:59"])(
  "seeded at %s, something failed yesterday and something is due this week",
  async (time) => {
    const now = new Date(`2031-03-15T${time}Z`);
    await seedDemoData(prisma, { scale: 1, reset: true, now });
    const today = startOfDay(now);
    const yesterday = [new Date(today.getTime() - DAY), today];
    expect(
      await count("process_status WHERE status = 'FAILURE' AND completed_at >= $1 AND completed_at < $2", ...yesterday),
    ).toBeGreaterThan(2);
    expect(
      await count("message WHERE status = 'FAILED' AND scheduled_at >= $1 AND scheduled_at < $2", ...yesterday),
    ).toBeGreaterThan(0);
    expect(
      await count("batch WHERE due_date >= $1 AND due_date < $2", now, new Date(now.getTime() + 7 * DAY)),
    ).toBeGreaterThan(0);
    expect(await count("process_status WHERE completed_at < $1", new Date(now.getTime() - 7 * DAY))).toBe(0);
    expect(await count("provisioning_batch WHERE created_at < $1", new Date(now.getTime() - 60 * DAY))).toBe(0);
    expect(await count("message WHERE status = 'SCHEDULED' AND scheduled_at <= $1", now)).toBe(0);
  },
  120_000,
);

/** Every row's instants as offsets from `now`: equal when the data only moved in time. */
async function offsets(now: Date): Promise<string> {
  const instants: Record<string, string[]> = {
    work_order: ["created_at", "updated_at", "begin_date", "due_date", "end_date"],
    batch: ["created_at", "updated_at", "due_date"],
    cycle: ["created_at", "updated_at"],
    letter_batch: ["created_at", "updated_at"],
    process_status: ["created_at", "completed_at", "deadline_at"],
    message: ["created_at", "scheduled_at", "sent_at", "cancelled_at"],
    provisioning_batch: ["created_at", "completed_at"],
    provisioning_event: ["created_at"],
  };
  const parts = [];
  for (const [table, columns] of Object.entries(instants)) {
    const offset = columns
      .map((column) => `coalesce(extract(epoch FROM ${column} - $1::timestamptz)::text, '-')`)
      .join(" || ',' || ");
    const [row] = await prisma.$queryRawUnsafe<{ digest: string }[]>(
      `SELECT md5(string_agg(id || ':' || ${offset}, '|' ORDER BY id)) AS digest FROM "${table}"`,
      now,
    );
    parts.push(`${table}=${row!.digest}`);
  }
  return parts.join(" ");
}

test("a fixed now reproduces the same rows; another now moves every instant by the difference", async () => {
  const now = new Date("2030-07-01T10:20:30.456Z");
  await seedDemoData(prisma, { scale: 1, reset: true, now });
  const first = await offsets(now);
  const dueDates = await prisma.$queryRawUnsafe<{ due: Date }[]>("SELECT due_date AS due FROM work_order ORDER BY id");
  await seedDemoData(prisma, { scale: 1, reset: true, now });
  expect(await offsets(now)).toBe(first);

  const later = new Date(now.getTime() + 3.5 * DAY);
  await seedDemoData(prisma, { scale: 1, reset: true, now: later });
  expect(await offsets(later)).toBe(first);
  const moved = await prisma.$queryRawUnsafe<{ due: Date }[]>("SELECT due_date AS due FROM work_order ORDER BY id");
  expect(moved.map((row) => row.due.getTime() - later.getTime())).toEqual(
    dueDates.map((row) => row.due.getTime() - now.getTime()),
  );
}, 120_000);
