// The key a to-one relation leads to from a row: the row's own foreign key, or, through its
// hops (a batch's project: its work order's projectId), a scalar subquery per hop.
import { Prisma } from "../../../generated/prisma/client.ts";
import type { FieldPlan } from "../plan.ts";
import { columnOf } from "../table.ts";

type ToOne = Extract<FieldPlan, { kind: "toOne" }>;

/** The SQL value of the key `plan` leads to from the row aliased `alias` (`nextAlias` names each hop's row). */
export function keyExpression(plan: ToOne, alias: string, nextAlias: () => string): Prisma.Sql {
  let key = Prisma.raw(`${alias}."${columnOf(plan.from)}"`);
  for (const hop of plan.via) {
    const h = nextAlias();
    key = Prisma.sql`(SELECT ${Prisma.raw(`${h}."${columnOf(hop.field)}"`)} FROM ${hop.table.sqlName} ${Prisma.raw(h)}
      WHERE ${Prisma.raw(`${h}."${columnOf(hop.table.key)}"`)} = ${key} AND ${hop.table.readable(Prisma.raw(h))})`;
  }
  return key;
}
