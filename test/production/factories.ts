// Production data beyond test/factories.ts: technicians, relations and cycle statuses.
import { prisma } from "../../src/data/db.ts";
import type { RelationDirection, StatusCategory } from "../../src/generated/prisma/enums.ts";

let sequence = 0;

export async function createUsers(count: number) {
  const users = [];
  for (let i = 0; i < count; i++) {
    const n = ++sequence;
    users.push(
      await prisma.user.create({
        data: { name: `Tech ${n}`, email: `tech-${n}-${process.pid}-${Date.now()}@example.test` },
      }),
    );
  }
  return users;
}

export async function assignTechs(batchId: number, userIds: number[]) {
  await prisma.batchTech.createMany({ data: userIds.map((userId) => ({ batchId, userId })) });
}

export function attachRelation(
  batchId: number,
  relation: string,
  entityType: string,
  direction: RelationDirection = "OUTWARD",
) {
  return prisma.batchRelation.create({
    data: { batchId, relation, entityType, direction, entityId: `${entityType}-${++sequence}` },
  });
}

/** Sets the status category of the batch's cycles at the given 1-based positions. */
export async function setCycleCategory(batchId: number, positions: number[], category: StatusCategory) {
  await prisma.cycle.updateMany({
    where: { batchId, position: { in: positions } },
    data: { statusCategory: category, statusLabel: category },
  });
}
