// Writes of the messages domain, each taking the transaction runRecorded opened.
import type { Message } from "../../generated/prisma/client.ts";
import type { Tx } from "../processes/recorder.ts";
import { splitIntoParts } from "./sms.ts";
import type { OutgoingMessage } from "./validation.ts";

/** Creates the messages in the order given: SCHEDULED when due later, otherwise ENQUEUED for the dispatcher. */
export async function createMessages(tx: Tx, messages: readonly OutgoingMessage[]): Promise<Message[]> {
  const now = new Date();
  const created = await tx.message.createManyAndReturn({
    data: messages.map((message) => {
      const scheduledAt = message.scheduledAt ?? now;
      const { encoding, parts } = splitIntoParts(message.text);
      return {
        recipient: message.recipient,
        sender: message.sender,
        text: message.text,
        encoding,
        parts: parts.length,
        scheduledAt,
        status: scheduledAt > now ? "SCHEDULED" : "ENQUEUED",
      } as const;
    }),
  });
  return created.sort((a, b) => a.id - b.id);
}

export type CancellationStatus = "CANCELLED" | "NOT_FOUND" | "NOT_SCHEDULED";

export interface Cancellation {
  id: number;
  status: CancellationStatus;
  error: string | null;
  message: Message | null;
}

/**
 * Cancels the SCHEDULED messages among `ids`. The UPDATE's own `status = 'SCHEDULED'` condition
 * decides a race with the dispatcher: whichever locks the row first wins, the other sees the new status.
 */
export async function cancelScheduledMessages(tx: Tx, ids: readonly number[]): Promise<Cancellation[]> {
  const cancelled = await tx.message.updateManyAndReturn({
    where: { id: { in: [...ids] }, status: "SCHEDULED" },
    data: { status: "CANCELLED", cancelledAt: new Date() },
  });
  const byId = new Map(cancelled.map((message) => [message.id, message]));
  const rest = ids.filter((id) => !byId.has(id));
  const others = rest.length ? await tx.message.findMany({ where: { id: { in: rest } } }) : [];
  const unchanged = new Map(others.map((message) => [message.id, message]));
  return ids.map((id): Cancellation => {
    const done = byId.get(id);
    if (done) return { id, status: "CANCELLED", error: null, message: done };
    const message = unchanged.get(id);
    if (!message) return { id, status: "NOT_FOUND", error: `Message ${id} does not exist`, message: null };
    return {
      id,
      status: "NOT_SCHEDULED",
      error: `Message ${id} is ${message.status}; only SCHEDULED messages can be cancelled`,
      message,
    };
  });
}
