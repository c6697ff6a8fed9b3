// Process statuses as other domains' mutations leave them, with chosen times.
import { prisma } from "../../src/data/db.ts";
import type { ProcessState } from "../../src/generated/prisma/enums.ts";

let sequence = 0;
const DAY = 86_400_000;

export interface ProcessOptions {
  entityId?: string;
  eventType?: string;
  status?: ProcessState;
  /** Days ago it was created (completed one second later unless PENDING). */
  daysAgo?: number;
  deadlineAt?: Date | null;
}

export function createProcessStatus(options: ProcessOptions = {}) {
  const status = options.status ?? "SUCCESS";
  const createdAt = new Date(Date.now() - (options.daysAgo ?? 0) * DAY - 1000);
  return prisma.processStatus.create({
    data: {
      entityId: options.entityId ?? `entity-${++sequence}`,
      eventType: options.eventType ?? "CREATE_SHIPMENT",
      status,
      createdAt,
      completedAt: status === "PENDING" ? null : new Date(createdAt.getTime() + 1000),
      deadlineAt: options.deadlineAt ?? null,
    },
  });
}

export const DAYS = (days: number) => days * DAY;
