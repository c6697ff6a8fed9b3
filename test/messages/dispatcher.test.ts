import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { registeredJobs } from "../../src/app/jobs.ts";
import { UNDELIVERED_ERROR, dispatchMessages } from "../../src/domains/messages/dispatcher.ts";
import { query } from "../client.ts";
import { MessagesByIdsDocument, SendMessagesDocument } from "../generated/graphql.ts";
import { createMessages } from "./factories.ts";

/** Passes until nothing moves, so no test leaves work behind for the next. */
async function drain(now?: Date) {
  for (;;) {
    const pass = await dispatchMessages({ now });
    if (pass.delivered + pass.undelivered + pass.sent + pass.enqueued === 0) return;
  }
}

const read = async (ids: number[]) => (await query(MessagesByIdsDocument, { ids })).messagesByIds.messages;

describe("message dispatcher", () => {
  test("moves a message one step per pass: ENQUEUED → SENT → DELIVERED, or UNDELIVERED for numbers ending in 0", async () => {
    const later = new Date(Date.now() + 3_600_000);
    const { sendMessages } = await query(SendMessagesDocument, {
      input: {
        messages: [
          { recipient: "+48500100201", sender: "Sklep24", text: "delivered" },
          { recipient: "+48500100200", sender: "Sklep24", text: "unreachable" },
          { recipient: "+48500100203", sender: "Sklep24", text: "later", scheduledAt: later.toISOString() },
        ],
      },
    });
    const ids = sendMessages!.messages.map((m) => m.messageId);

    await dispatchMessages();
    const sent = await read(ids);
    expect(sent.map((m) => m.status)).toEqual(["SENT", "SENT", "SCHEDULED"]);
    expect(sent[0]?.sentAt).toBeTruthy();
    expect(sent[0]?.deliveredAt).toBeNull();

    await dispatchMessages();
    const reported = await read(ids);
    expect(reported.map((m) => m.status)).toEqual(["DELIVERED", "UNDELIVERED", "SCHEDULED"]);
    expect(reported[0]).toMatchObject({ sentAt: sent[0]?.sentAt, error: null });
    expect(reported[0]?.deliveredAt).toBeTruthy();
    expect(reported[1]).toMatchObject({ deliveredAt: null, error: UNDELIVERED_ERROR });

    // Once its time has come, the scheduled one goes the same way.
    await dispatchMessages({ now: new Date(later.getTime() + 1000) });
    expect((await read([ids[2]!]))[0]?.status).toBe("ENQUEUED");
    await drain(new Date(later.getTime() + 2000));
    expect((await read([ids[2]!]))[0]).toMatchObject({ status: "DELIVERED", cancelledAt: null });
  });

  test("claims at most a batch per step, oldest due first, and leaves messages not yet due alone", async () => {
    const due = await createMessages(5, { scheduledAt: new Date(Date.now() - 60_000) });
    const notDue = await createMessages(2);
    const first = await dispatchMessages({ batchSize: 2 });
    expect(first).toEqual({ delivered: 0, undelivered: 0, sent: 0, enqueued: 2 });
    const statuses = async () =>
      (
        await prisma.message.findMany({
          where: { id: { in: [...due, ...notDue].map((m) => m.id) } },
          orderBy: { id: "asc" },
        })
      ).map((m) => m.status);
    expect(await statuses()).toEqual([
      "ENQUEUED",
      "ENQUEUED",
      "SCHEDULED",
      "SCHEDULED",
      "SCHEDULED",
      "SCHEDULED",
      "SCHEDULED",
    ]);
    await drain();
    expect((await statuses()).slice(0, 5).every((status) => status === "DELIVERED" || status === "UNDELIVERED")).toBe(
      true,
    );
    expect((await statuses()).slice(5)).toEqual(["SCHEDULED", "SCHEDULED"]);
  });

  test("is registered as a periodic job", () => {
    expect(registeredJobs().map((job) => job.name)).toContain("message-dispatcher");
  });
});
