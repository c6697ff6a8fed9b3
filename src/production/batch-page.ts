// The batches list as SQL sent with db.query: its filters, its keyset page and, in the same
// statement, what the selection reads below each batch (src/production/batch-preload.ts) and
// the list's totalCount when selected. A page of the nested frontend query is one statement.
import type { GraphQLResolveInfo } from "graphql";
import type { Context } from "../context.ts";
import { db } from "../db.ts";
import { type Batch, Prisma } from "../generated/prisma/client.ts";
import { parseIds } from "../graphql/ids.ts";
import { type SortSpec, keysetSql, orderingOf } from "../graphql/keyset.ts";
import { type ConnectionArgs, keysetConnection, listOf } from "../graphql/pagination.ts";
import { childFields } from "../graphql/selection.ts";
import { reviveDates, selectFields } from "../sql.ts";
import { type ReadAhead, primeReadAhead, readAheadColumns, readAheadPlan } from "./batch-preload.ts";
import type { StatusCategory } from "../generated/prisma/enums.ts";
import { DATE_FIELDS } from "./dates.ts";
import { sortValue } from "./ordering.ts";

export interface BatchFilterInput {
  queueIds?: readonly (string | number)[] | null;
  workOrderIds?: readonly (string | number)[] | null;
  statusCategories?: readonly StatusCategory[] | null;
  dueFrom?: Date | null;
  dueTo?: Date | null;
  labelContains?: string | null;
}

/** LIKE's wildcards and escape character, matched literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The filter's conditions on batch alias `r` (ids are checked and decoded first). */
export function batchFilterSql(filter: BatchFilterInput | null | undefined): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter?.queueIds) conditions.push(Prisma.sql`r.queue_id = ANY(${parseIds(filter.queueIds, "Queue", "filter.queueIds")}::int[])`);
  if (filter?.workOrderIds) {
    conditions.push(Prisma.sql`r.work_order_id = ANY(${parseIds(filter.workOrderIds, "WorkOrder", "filter.workOrderIds")}::int[])`);
  }
  if (filter?.statusCategories) conditions.push(Prisma.sql`r.status_category::text = ANY(${[...filter.statusCategories]}::text[])`);
  if (filter?.dueFrom) conditions.push(Prisma.sql`r.due_date >= ${filter.dueFrom}`);
  if (filter?.dueTo) conditions.push(Prisma.sql`r.due_date <= ${filter.dueTo}`);
  if (filter?.labelContains) conditions.push(Prisma.sql`r.label ILIKE ${`%${likeLiteral(filter.labelContains)}%`}`);
  return Prisma.join(conditions, " AND ");
}

/** A page of batches (and its read-ahead), as a Relay connection. */
export function batchPage(args: ConnectionArgs, filter: Prisma.Sql, sort: SortSpec, context: Context, info: GraphQLResolveInfo) {
  const plan = readAheadPlan(info);
  const readAhead = plan ? readAheadColumns(plan) : [];
  const countSql = Prisma.sql`SELECT count(*)::int FROM batch r WHERE ${filter}`;
  // Counted by the page's statement (once: an uncorrelated subquery) when selected; by its own
  // statement when the page came back empty and carries no count.
  const counting = childFields(info, info.fieldNodes, "totalCount").length > 0;
  let counted: number | undefined;
  return keysetConnection(
    args,
    async (page) => {
      const { conditions, orderBy, direction } = keysetSql(sort, page, "r");
      const columns = [...readAhead, ...(counting ? [Prisma.sql`(${countSql}) AS "totalCount"`] : [])];
      // The read-ahead runs on the page's rows only: the page first, then its columns, in the
      // page's order again (the outer rows carry the fields under Prisma's names).
      const rows = await db.query<Record<string, unknown>>(Prisma.sql`
        SELECT b.*${columns.length ? Prisma.sql`, ${Prisma.join(columns)}` : Prisma.empty}
        FROM (SELECT ${selectFields(Prisma.BatchScalarFieldEnum, "r", DATE_FIELDS.batch)} FROM batch r
          WHERE ${Prisma.join([filter, ...conditions], " AND ")} ORDER BY ${orderBy} LIMIT ${page.limit}) AS b
        ORDER BY b.${Prisma.raw(`"${sort.field}"`)} ${direction}, b.id ${direction}`);
      counted = rows[0]?.totalCount as number | undefined;
      return primeReadAhead(reviveDates<Batch & ReadAhead>(rows, DATE_FIELDS.batch), plan, context);
    },
    {
      ordering: orderingOf(listOf(info), sort),
      sortValue: (row) => sortValue(sort.field, row),
      id: (row) => row.id,
      totalCount: async () => counted ?? (await db.query<{ count: number }>(countSql))[0]!.count,
    },
  );
}
