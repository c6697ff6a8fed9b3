// Messages written straight through Prisma, for states the API reaches only over time
// (due, sent, delivered). Recipients are valid Polish mobile numbers.
import { prisma } from "../../src/data/db.ts";
import type { MessageStatus } from "../../src/generated/prisma/enums.ts";

let sequence = 0;

export interface MessageOptions {
  status?: MessageStatus;
  scheduledAt?: Date;
  createdAt?: Date;
  recipient?: string;
}

export async function createMessages(count: number, options: MessageOptions = {}) {
  const start = Date.parse("2026-03-01T00:00:00Z") + ++sequence * 3_600_000;
  const created = await prisma.message.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      recipient: options.recipient ?? `+4850010${String(1000 + i).padStart(4, "0")}`,
      sender: "Sklep24",
      text: `Message ${i + 1}`,
      status: options.status ?? "SCHEDULED",
      scheduledAt: options.scheduledAt ?? new Date(Date.now() + 86_400_000),
      createdAt: options.createdAt ?? new Date(start + i * 1000),
    })),
  });
  return created.sort((a, b) => a.id - b.id);
}
