import { expect, test } from "vitest";
import { dispatchMessages } from "../../src/domains/messages/dispatcher.ts";
import { post } from "../client.ts";
import { createMessages } from "../messages/factories.ts";
import { subscribeSse } from "./stream.ts";

const WATCH = `subscription Watch($ids: [Int!]!) { messageStatusChanged(ids: $ids) { messageId status } }`;
type Event = {
  data?: { messageStatusChanged: { messageId: number; status: string } };
  errors?: { extensions?: { code?: string } }[];
};

test("messageStatusChanged sends each watched message, then each status change from the dispatcher and cancellations", async () => {
  const [due, scheduled] = [
    ...(await createMessages(1, { scheduledAt: new Date(Date.now() - 1000) })),
    ...(await createMessages(1, { scheduledAt: new Date(Date.now() + 3_600_000) })),
  ];
  const stream = await subscribeSse<Event>(WATCH, { ids: [due!.id, scheduled!.id, due!.id] });
  const initial = [await stream.next(), await stream.next()].map((event) => event.data?.messageStatusChanged);
  expect(initial).toEqual([
    { messageId: due!.id, status: "SCHEDULED" },
    { messageId: scheduled!.id, status: "SCHEDULED" },
  ]);

  await dispatchMessages();
  expect((await stream.next()).data?.messageStatusChanged).toEqual({ messageId: due!.id, status: "ENQUEUED" });

  const cancel = await post({
    query: "mutation($ids: [Int!]!) { cancelScheduledMessages(input: { ids: $ids }) { successCount } }",
    variables: { ids: [scheduled!.id] },
  });
  expect(cancel.errors).toBeUndefined();
  expect((await stream.next()).data?.messageStatusChanged).toEqual({ messageId: scheduled!.id, status: "CANCELLED" });
  await stream.close();
});

test("watching more than 50 messages is refused", async () => {
  const stream = await subscribeSse<Event>(WATCH, { ids: Array.from({ length: 51 }, (_, i) => i + 1) });
  expect((await stream.next()).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  await stream.close();
});
