import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { execute, query, recordStatements, tokenFor } from "../client.ts";
import { globalId } from "../factories.ts";
import { MessagesByIdsDocument, SendMessagesDocument } from "../generated/graphql.ts";

const message = (overrides: Record<string, string> = {}) => ({
  recipient: "+48500100201",
  sender: "Sklep24",
  text: "Your parcel is on its way.",
  ...overrides,
});

describe("sendMessages", () => {
  test("creates ENQUEUED messages when due now and SCHEDULED ones when due later, with encoding and parts", async () => {
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const { sendMessages } = await query(SendMessagesDocument, {
      input: {
        messages: [
          message(),
          message({ scheduledAt: later, text: "a".repeat(161) }),
          message({ recipient: "+14155552671", sender: "48500100200", text: `Dziękujemy! ${"ż".repeat(60)}` }),
        ],
      },
    });
    const [now, scheduled, polish] = sendMessages!.messages;
    expect(now).toMatchObject({
      status: "ENQUEUED",
      encoding: "GSM7",
      parts: 1,
      recipient: "+48500100201",
      sentAt: null,
    });
    expect(Date.now() - Date.parse(now!.scheduledAt)).toBeLessThan(60_000);
    expect(scheduled).toMatchObject({ status: "SCHEDULED", encoding: "GSM7", parts: 2, scheduledAt: later });
    expect(polish).toMatchObject({
      status: "ENQUEUED",
      encoding: "UCS2",
      parts: 2,
      recipient: "+14155552671",
      sender: "48500100200",
    });

    const ids = sendMessages!.messages.map((m) => m.messageId);
    expect(sendMessages!.processStatus).toMatchObject({
      eventType: "SEND_MESSAGES",
      status: "SUCCESS",
      entityId: ids.map((id) => globalId("Message", id)).join(","),
    });
    const { messagesByIds } = await query(MessagesByIdsDocument, { ids });
    expect(messagesByIds.messages.map((m) => m.status)).toEqual(["ENQUEUED", "SCHEDULED", "ENQUEUED"]);
  });

  test("a recipient that is not a valid E.164 phone number is refused before any SQL, naming the field", async () => {
    for (const recipient of ["500100200", "+48 500 100 200", "+4850010", "+999123456789", "call me"]) {
      const { result, statements } = await recordStatements(() =>
        execute(SendMessagesDocument, { input: { messages: [message(), message({ recipient })] } }),
      );
      expect(result.errors?.[0]?.message).toMatch(/E\.164/);
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        field: "input.messages[1].recipient",
      });
      expect(statements).toEqual([]);
    }
  });

  test("more than 50 messages, or none, are refused before any SQL, naming the limit", async () => {
    for (const [count, pattern] of [
      [51, /at most 50 messages/],
      [0, /at least one/],
    ] as const) {
      const messages = Array.from({ length: count }, () => message());
      const { result, statements } = await recordStatements(() =>
        execute(SendMessagesDocument, { input: { messages } }),
      );
      expect(result.errors?.[0]?.message).toMatch(pattern);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.messages" });
      expect(statements).toEqual([]);
    }
  });

  test("a text of more than 10 parts, an empty text or an over-long sender name is refused, naming the field", async () => {
    const cases = [
      [message({ text: "ż".repeat(671) }), "input.messages[0].text", /at most 10 \(670 UCS2 characters\)/],
      [message({ text: "a".repeat(1530) }), null, null],
      [message({ text: "" }), "input.messages[0].text", /must not be empty/],
      [message({ sender: "TwelveLetter" }), "input.messages[0].sender", /11 letters/],
    ] as const;
    for (const [input, field, pattern] of cases) {
      const result = await execute(SendMessagesDocument, { input: { messages: [input] } });
      if (!field) {
        expect(result.data?.sendMessages!.messages[0]?.parts).toBe(10);
        continue;
      }
      expect(result.errors?.[0]?.message).toMatch(pattern);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
  });

  test("repeated with the same X-Request-Id, the call sends its messages once and returns the first result", async () => {
    const headers = { "x-request-id": randomUUID() };
    const input = { messages: [message({ text: `Once only ${headers["x-request-id"]}` })] };
    const first = await query(SendMessagesDocument, { input }, headers);
    const again = await query(SendMessagesDocument, { input }, headers);
    expect(again).toEqual(first);
    expect(await prisma.message.count({ where: { text: input.messages[0]!.text } })).toBe(1);
  });

  test("a token without messages:send is refused and nothing is sent", async () => {
    const token = await tokenFor(["messages:read", "messages:cancel"]);
    const { result, statements } = await recordStatements(() =>
      execute(SendMessagesDocument, { input: { messages: [message()] } }, { authorization: `Bearer ${token}` }),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(statements.filter((sql) => /insert/i.test(sql))).toEqual([]);
  });
});
