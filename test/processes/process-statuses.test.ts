import { describe, expect, test } from "vitest";
import { parseDuration } from "../../src/config/env.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import {
  ProcessStatusByIdDocument,
  ProcessStatusesByEntityDocument,
  ProcessStatusesByIdsDocument,
} from "../generated/graphql.ts";
import { createProcessStatus } from "./factories.ts";

const psId = (id: number) => globalId("ProcessStatus", id);

describe("processStatus", () => {
  test("returns a process status by id", async () => {
    const status = await createProcessStatus({ entityId: "order-1", eventType: "CREATE_SHIPMENT" });
    const { processStatus } = await query(ProcessStatusByIdDocument, { id: psId(status.id) });
    expect(processStatus).toMatchObject({
      id: psId(status.id),
      entityId: "order-1",
      eventType: "CREATE_SHIPMENT",
      status: "SUCCESS",
    });
  });

  test("is null with a NOT_FOUND error when missing or expired (completed more than 7 days ago)", async () => {
    const expired = await createProcessStatus({ daysAgo: 8 });
    for (const id of [psId(999_999), psId(expired.id)]) {
      const result = await execute(ProcessStatusByIdDocument, { id });
      expect(result.data).toEqual({ processStatus: null });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND", field: "id" });
    }
  });

  test("an old PENDING status has not expired, and reads as TIMEOUT once its deadline passed", async () => {
    const running = await createProcessStatus({
      status: "PENDING",
      daysAgo: 10,
      deadlineAt: new Date(Date.now() + 60_000),
    });
    expect((await query(ProcessStatusByIdDocument, { id: psId(running.id) })).processStatus?.status).toBe("PENDING");
    const overdue = await createProcessStatus({ status: "PENDING", deadlineAt: new Date(Date.now() - 1000) });
    const { processStatus } = await query(ProcessStatusByIdDocument, { id: psId(overdue.id) });
    expect(processStatus).toMatchObject({ status: "TIMEOUT", errorMessage: expect.stringMatching(/deadline/) });
  });

  test("needs the process-status:read scope", async () => {
    const token = await tokenFor(["letters:read"]);
    const result = await execute(ProcessStatusByIdDocument, { id: psId(1) }, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("processStatuses", () => {
  test("returns each found status once, in the order asked, leaving out missing and expired ones", async () => {
    const [a, b, expired] = [
      await createProcessStatus(),
      await createProcessStatus(),
      await createProcessStatus({ daysAgo: 30 }),
    ];
    const ids = [psId(b.id), psId(999_999), psId(a.id), psId(b.id), psId(expired.id)];
    const { processStatuses } = await query(ProcessStatusesByIdsDocument, { ids });
    expect(processStatuses.map((status) => status.id)).toEqual([psId(b.id), psId(a.id)]);
  });

  test("takes 1000 ids in one statement; 1001 ids or none are BAD_USER_INPUT before any SQL", async () => {
    const made = await createProcessStatus();
    const thousand = Array.from({ length: 1000 }, (_, i) => psId(i === 0 ? made.id : 1_000_000 + i));
    const ok = await recordStatements(() => query(ProcessStatusesByIdsDocument, { ids: thousand }));
    expect(ok.result.processStatuses).toHaveLength(1);
    expect(ok.statements).toHaveLength(1);
    for (const ids of [[...thousand, psId(2_000_000)], []]) {
      const { result, statements } = await recordStatements(() => execute(ProcessStatusesByIdsDocument, { ids }));
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids" });
      expect(result.errors?.[0]?.message).toMatch(ids.length ? /at most 1000/ : /at least one/);
      expect(statements).toEqual([]);
    }
  });

  test("an id of another type names its position", async () => {
    const result = await execute(ProcessStatusesByIdsDocument, { ids: [psId(1), globalId("Letter", 1)] });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids[1]" });
  });
});

describe("processStatusesByEntity", () => {
  test("lists one entity's statuses of one event type newest first, page by page, without expired ones", async () => {
    const entity = { entityId: "offer-77", eventType: "UPDATE_OFFER" };
    const made = [];
    for (const daysAgo of [5, 3, 2, 1, 0]) made.push(await createProcessStatus({ ...entity, daysAgo }));
    await createProcessStatus({ ...entity, daysAgo: 9 });
    await createProcessStatus({ entityId: "offer-77", eventType: "DELETE_OFFER" });
    await createProcessStatus({ entityId: "offer-78", eventType: "UPDATE_OFFER" });
    const newestFirst = made.map((status) => psId(status.id)).reverse();

    const first = (await query(ProcessStatusesByEntityDocument, { ...entity, first: 3 })).processStatusesByEntity;
    expect(first.totalCount).toBe(5);
    expect(first.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(0, 3));
    const rest = (
      await query(ProcessStatusesByEntityDocument, { ...entity, first: 3, after: first.pageInfo.endCursor })
    ).processStatusesByEntity;
    expect(rest.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(3));
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const all = (await query(ProcessStatusesByEntityDocument, entity)).processStatusesByEntity;
    expect(all.edges).toHaveLength(5);
  });
});

test("durations parse from d, h, m, s and ms; anything else is refused", () => {
  expect(parseDuration("7d")).toBe(7 * 86_400_000);
  expect(parseDuration("12h")).toBe(12 * 3_600_000);
  expect(parseDuration("30m")).toBe(1_800_000);
  expect(parseDuration("45s")).toBe(45_000);
  expect(parseDuration("500ms")).toBe(500);
  for (const bad of ["7", "1.5d", "d", "7w", ""]) expect(parseDuration(bad)).toBeUndefined();
});
