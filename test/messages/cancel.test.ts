import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import { CancelScheduledMessagesDocument } from "../generated/graphql.ts";
import { createMessages } from "./factories.ts";

const statusesOf = async (ids: number[]) =>
  (await prisma.message.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map((m) => m.status);

describe("cancelScheduledMessages", () => {
  test("cancels only SCHEDULED messages; one result per distinct id, in order, with the counts", async () => {
    const scheduled = await createMessages(2);
    const [delivered] = await createMessages(1, { status: "DELIVERED" });
    const missing = 987_654;
    const ids = [scheduled[1]!.id, missing, delivered!.id, scheduled[0]!.id, scheduled[1]!.id];
    const { cancelScheduledMessages: payload } = await query(CancelScheduledMessagesDocument, { input: { ids } });

    expect(payload!.results.map((r) => [r.id, r.status])).toEqual([
      [scheduled[1]!.id, "CANCELLED"],
      [missing, "NOT_FOUND"],
      [delivered!.id, "NOT_SCHEDULED"],
      [scheduled[0]!.id, "CANCELLED"],
    ]);
    expect(payload).toMatchObject({ successCount: 2, errorCount: 2 });
    expect(payload!.results[0]).toMatchObject({ error: null, message: { status: "CANCELLED", sentAt: null } });
    expect(payload!.results[0]?.message?.cancelledAt).toBeTruthy();
    expect(payload!.results[1]).toMatchObject({ error: `Message ${missing} does not exist`, message: null });
    expect(payload!.results[2]?.error).toMatch(/is DELIVERED; only SCHEDULED messages can be cancelled/);
    expect(payload!.processStatus).toMatchObject({
      eventType: "CANCEL_SCHEDULED_MESSAGES",
      status: "SUCCESS",
      entityId: [scheduled[1]!.id, missing, delivered!.id, scheduled[0]!.id]
        .map((id) => globalId("Message", id))
        .join(","),
    });
    expect(await statusesOf([scheduled[0]!.id, scheduled[1]!.id, delivered!.id])).toEqual([
      "CANCELLED",
      "CANCELLED",
      "DELIVERED",
    ]);
  });

  test("cancelling an already cancelled message reports NOT_SCHEDULED and keeps its first cancellation time", async () => {
    const [message] = await createMessages(1);
    const first = await query(CancelScheduledMessagesDocument, { input: { ids: [message!.id] } });
    const again = await query(CancelScheduledMessagesDocument, { input: { ids: [message!.id] } });
    expect(again.cancelScheduledMessages).toMatchObject({
      successCount: 0,
      errorCount: 1,
      results: [{ status: "NOT_SCHEDULED" }],
    });
    expect(again.cancelScheduledMessages!.results[0]?.message?.cancelledAt).toBe(
      first.cancelScheduledMessages!.results[0]?.message?.cancelledAt,
    );
  });

  test("50 distinct ids are accepted; 51 or an empty list are refused before any SQL, naming the limit", async () => {
    const made = await createMessages(50);
    const ids = made.map((m) => m.id);
    const { cancelScheduledMessages } = await query(CancelScheduledMessagesDocument, {
      input: { ids: [...ids, ids[0]!] },
    });
    expect(cancelScheduledMessages!.successCount).toBe(50);

    for (const [list, pattern] of [
      [[...ids, 987_654], /at most 50/],
      [[], /at least one/],
    ] as const) {
      const { result, statements } = await recordStatements(() =>
        execute(CancelScheduledMessagesDocument, { input: { ids: [...list] } }),
      );
      expect(result.errors?.[0]?.message).toMatch(pattern);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.ids" });
      expect(statements).toEqual([]);
    }
  });

  test("a token without messages:cancel is refused and the message stays SCHEDULED", async () => {
    const [message] = await createMessages(1);
    const token = await tokenFor(["messages:read", "messages:send"]);
    const result = await execute(
      CancelScheduledMessagesDocument,
      { input: { ids: [message!.id] } },
      { authorization: `Bearer ${token}` },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await statusesOf([message!.id])).toEqual(["SCHEDULED"]);
  });
});
