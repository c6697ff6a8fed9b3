import { describe, expect, test } from "vitest";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import { MessagesByIdsDocument, MessagesPageDocument } from "../generated/graphql.ts";
import { createMessages } from "./factories.ts";

// Each test file has its own database, but tests in it share one: filter by what a test made.
const scheduledBetween = (messages: { scheduledAt: Date }[]) => ({
  scheduledFrom: new Date(Math.min(...messages.map((m) => m.scheduledAt.getTime()))).toISOString(),
  scheduledTo: new Date(Math.max(...messages.map((m) => m.scheduledAt.getTime()))).toISOString(),
});

describe("messages connection", () => {
  test("lists newest first and pages forwards and backwards through every message exactly once", async () => {
    const made = await createMessages(7, { scheduledAt: new Date("2031-01-01T00:00:00Z") });
    const filter = scheduledBetween(made);
    const newestFirst = made.map((m) => m.id).reverse();
    const seen: number[] = [];
    let after: string | null | undefined;
    for (let page = 0; ; page++) {
      const { messages } = await query(MessagesPageDocument, { first: 3, after, filter });
      expect(messages.totalCount).toBe(7);
      expect(messages.pageInfo.hasPreviousPage).toBe(page > 0);
      seen.push(...messages.edges.map((edge) => edge.node.messageId));
      if (!messages.pageInfo.hasNextPage) break;
      after = messages.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);

    const { messages: last } = await query(MessagesPageDocument, { last: 2, filter });
    expect(last.edges.map((edge) => edge.node.messageId)).toEqual(newestFirst.slice(5));
    const { messages: before } = await query(MessagesPageDocument, {
      last: 2,
      before: last.pageInfo.startCursor,
      filter,
    });
    expect(before.edges.map((edge) => edge.node.messageId)).toEqual(newestFirst.slice(3, 5));
  });

  test("exposes the global id, the integer messageId and every field of the message", async () => {
    const [made] = await createMessages(1, { scheduledAt: new Date("2031-02-01T00:00:00Z") });
    const { messages } = await query(MessagesPageDocument, { first: 20, filter: scheduledBetween([made!]) });
    expect(messages.edges[0]?.node).toMatchObject({
      id: globalId("Message", made!.id),
      messageId: made!.id,
      recipient: made!.recipient,
      sender: "Sklep24",
      text: "Message 1",
      encoding: "GSM7",
      parts: 1,
      status: "SCHEDULED",
      scheduledAt: "2031-02-01T00:00:00.000Z",
      sentAt: null,
      cancelledAt: null,
    });
  });

  test("filters by status and by scheduled time range", async () => {
    const at = new Date("2031-03-01T00:00:00Z");
    const scheduled = await createMessages(2, { scheduledAt: at });
    const delivered = await createMessages(3, { scheduledAt: at, status: "DELIVERED" });
    const later = await createMessages(1, { scheduledAt: new Date("2031-03-02T00:00:00Z") });
    const window = { scheduledFrom: at.toISOString(), scheduledTo: "2031-03-01T12:00:00Z" };
    const ids = async (filter: object) =>
      (await query(MessagesPageDocument, { first: 50, filter })).messages.edges
        .map((edge) => edge.node.messageId)
        .sort();
    expect(await ids({ ...window, status: ["DELIVERED"] })).toEqual(delivered.map((m) => m.id).sort());
    expect(await ids({ ...window, status: ["SCHEDULED"] })).toEqual(scheduled.map((m) => m.id).sort());
    expect(await ids({ ...window, status: ["SCHEDULED", "DELIVERED"] })).toHaveLength(5);
    expect(await ids({ scheduledFrom: "2031-03-01T00:00:01Z", scheduledTo: "2031-03-02T00:00:00Z" })).toEqual([
      later[0]!.id,
    ]);
  });

  test("a page of up to the source API's 50 is served; 51 is refused before any SQL", async () => {
    const made = await createMessages(51, { scheduledAt: new Date("2031-04-01T00:00:00Z") });
    const filter = scheduledBetween(made);
    expect((await query(MessagesPageDocument, { first: 20, filter })).messages.edges).toHaveLength(20);
    expect((await query(MessagesPageDocument, { first: 50, filter })).messages.edges).toHaveLength(50);
    const { result, statements } = await recordStatements(() => execute(MessagesPageDocument, { first: 51, filter }));
    expect(result.errors?.[0]?.message).toMatch(/at most 50/);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    expect(statements).toEqual([]);
  });

  test("a page of 50 sends as many statements as a page of 5 (one: the page with its count)", async () => {
    const made = await createMessages(50, { scheduledAt: new Date("2031-05-01T00:00:00Z") });
    const filter = scheduledBetween(made);
    const count = async (first: number) => {
      const { result, statements } = await recordStatements(() => query(MessagesPageDocument, { first, filter }));
      expect(result.messages.edges).toHaveLength(first);
      return statements.length;
    };
    const five = await count(5);
    expect(await count(50)).toBe(five);
    expect(five).toBe(1);
  });

  test("a cursor of another list is a BAD_USER_INPUT error", async () => {
    const after = Buffer.from('["label:asc","x",1]').toString("base64url");
    const result = await execute(MessagesPageDocument, { first: 2, after });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("messagesByIds", () => {
  test("returns the messages found once each, in the order given, with the ids not found and both counts", async () => {
    const [a, b] = await createMessages(2);
    const missing = 987_654;
    const { messagesByIds } = await query(MessagesByIdsDocument, { ids: [b!.id, missing, a!.id, b!.id, missing] });
    expect(messagesByIds.messages.map((m) => m.messageId)).toEqual([b!.id, a!.id]);
    expect(messagesByIds.messages[0]).toMatchObject({ id: globalId("Message", b!.id), recipient: b!.recipient });
    expect(messagesByIds).toMatchObject({ notFoundIds: [missing], successCount: 2, errorCount: 1 });
  });

  test("50 distinct ids (duplicates beyond that count once) are read in one statement", async () => {
    const made = await createMessages(50);
    const ids = made.map((m) => m.id);
    const { result, statements } = await recordStatements(() =>
      query(MessagesByIdsDocument, { ids: [...ids, ...ids] }),
    );
    expect(result.messagesByIds.successCount).toBe(50);
    expect(statements).toHaveLength(1);
  });

  test("51 distinct ids or an empty list are refused before any SQL runs, naming the limit", async () => {
    const ids = Array.from({ length: 51 }, (_, i) => i + 1);
    for (const [list, pattern] of [
      [ids, /at most 50/],
      [[], /at least one/],
    ] as const) {
      const { result, statements } = await recordStatements(() => execute(MessagesByIdsDocument, { ids: [...list] }));
      expect(result.errors?.[0]?.message).toMatch(pattern);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "ids" });
      expect(statements).toEqual([]);
    }
  });

  test("a token without messages:read cannot read messages", async () => {
    const [made] = await createMessages(1);
    const token = await tokenFor(["messages:send", "messages:cancel"]);
    const result = await execute(MessagesByIdsDocument, { ids: [made!.id] }, { authorization: `Bearer ${token}` });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(result.data).toBeNull();
  });
});
