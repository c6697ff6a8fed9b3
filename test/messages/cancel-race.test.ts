// A cancellation racing the dispatcher over the same due messages: the database decides each
// message once, so it ends either CANCELLED or on its way out, never both.
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { dispatchMessages } from "../../src/domains/messages/dispatcher.ts";
import { query } from "../client.ts";
import { CancelScheduledMessagesDocument } from "../generated/graphql.ts";
import { createMessages } from "./factories.ts";

const ROUNDS = 5;
const PER_ROUND = 40;

test("concurrent cancellations and dispatcher passes: every message ends cancelled or sent, never both", async () => {
  const outcomes = { cancelled: 0, dispatched: 0 };
  for (let round = 0; round < ROUNDS; round++) {
    const due = await createMessages(PER_ROUND, { scheduledAt: new Date(Date.now() - 1000) });
    const ids = due.map((m) => m.id);
    const half = PER_ROUND / 2;
    // Two cancellations (one in reverse order) against four small dispatcher passes, all at once.
    const [first, second, ...passes] = await Promise.all([
      query(CancelScheduledMessagesDocument, { input: { ids: ids.slice(0, half + 5) } }),
      query(CancelScheduledMessagesDocument, { input: { ids: ids.slice(half - 5).reverse() } }),
      ...Array.from({ length: 4 }, () => dispatchMessages({ batchSize: 5 })),
    ]);
    const reported = [...first.cancelScheduledMessages!.results, ...second.cancelScheduledMessages!.results];
    const cancelledByCall = new Set(reported.filter((r) => r.status === "CANCELLED").map((r) => r.id));
    const enqueuedByPasses = passes.reduce((sum, pass) => sum + pass.enqueued, 0);
    // Each message was taken by exactly one side, and no overlapping id was cancelled twice.
    expect(first.cancelScheduledMessages!.successCount + second.cancelScheduledMessages!.successCount).toBe(
      cancelledByCall.size,
    );
    expect(cancelledByCall.size + enqueuedByPasses).toBe(PER_ROUND);

    for (let pass = 0; pass < 3; pass++) await dispatchMessages(); // let the dispatched ones finish
    const final = await prisma.message.findMany({ where: { id: { in: ids } } });
    for (const message of final) {
      expect(message.cancelledAt !== null && message.sentAt !== null).toBe(false);
      if (cancelledByCall.has(message.id)) expect(message).toMatchObject({ status: "CANCELLED", sentAt: null });
      else expect(["DELIVERED", "UNDELIVERED"]).toContain(message.status);
      expect(message.status === "CANCELLED").toBe(message.cancelledAt !== null);
    }
    // NOT_SCHEDULED was reported only for messages the dispatcher (or the other call) took first.
    for (const result of reported.filter((r) => r.status === "NOT_SCHEDULED")) {
      expect(cancelledByCall.has(result.id)).toBe(result.message?.status === "CANCELLED");
    }
    outcomes.cancelled += cancelledByCall.size;
    outcomes.dispatched += enqueuedByPasses;
  }
  console.info(`cancel race over ${ROUNDS * PER_ROUND} messages:`, outcomes);
  expect(outcomes.cancelled + outcomes.dispatched).toBe(ROUNDS * PER_ROUND);
});
