// What a list's `where` and `orderBy` arguments make of its own conditions and default order:
// the rows' conditions (the list's filters AND where) and the ordering cursors are issued for.
import type { GraphQLObjectType } from "graphql";
import { Prisma } from "../../../generated/prisma/client.ts";
import type { Order } from "../order.ts";
import { type OrderInput, orderFromInput } from "./ordering.ts";
import { type WhereInput, whereScope, whereSql } from "./where.ts";

export interface ListQuery {
  where: (alias: string) => Prisma.Sql;
  order: Order;
}

/** The list's query with the arguments' `where` and `orderBy` applied (checked before any SQL: throws on bad input). */
export function withListArguments(
  type: GraphQLObjectType,
  args: Readonly<Record<string, unknown>>,
  scopes: ReadonlySet<string> | undefined,
  base: ListQuery,
): ListQuery {
  const order = orderFromInput(type, args.orderBy as OrderInput[] | undefined, base.order);
  const where = args.where as WhereInput | null | undefined;
  if (!where) return { where: base.where, order };
  // Compiled once now, so a refusal comes before any SQL; the alias is put in when the statement is built.
  whereSql(whereScope(scopes), type, where, "x");
  return {
    order,
    where: (alias) => {
      const own = base.where(alias);
      const asked = whereSql(whereScope(scopes), type, where, alias);
      return Prisma.sql`${own} AND ${asked}`;
    },
  };
}
