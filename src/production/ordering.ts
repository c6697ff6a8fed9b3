// Ordering of root lists: a field and a direction, paged on (field, id) with keysetConnection.
import { type SortSpec, keysetQuery, orderingOf } from "../graphql/keyset.ts";
import { type ConnectionArgs, keysetConnection } from "../graphql/pagination.ts";
import { builder } from "../graphql/builder.ts";

export const OrderDirection = builder.enumType("OrderDirection", {
  description: "Sort direction.",
  values: { ASC: { value: "asc", description: "Ascending." }, DESC: { value: "desc", description: "Descending." } } as const,
});

const DATE_FIELDS = new Set(["createdAt", "updatedAt", "dueDate"]);
const NULLABLE_FIELDS = new Set(["dueDate"]);

/** The sort of a list; without an order, `fallback` (e.g. newest first). */
export function sortSpec(order: { field: string; direction?: "asc" | "desc" | null } | null | undefined, fallback: SortSpec): SortSpec {
  if (!order) return fallback;
  const { field } = order;
  const direction = order.direction ?? "asc";
  if (!DATE_FIELDS.has(field)) return { field, direction, type: "text" };
  return { field, direction, type: "timestamp", nullable: NULLABLE_FIELDS.has(field) };
}

/** A row's value of the sort field as its cursor stores it (timestamps as ISO text). */
export function sortValue(field: string, row: object) {
  const value = (row as Record<string, unknown>)[field];
  return value instanceof Date ? value.toISOString() : (value as string | null);
}

/** A root list ordered by `sort`, its rows read by `findMany` with the keyset where/orderBy/take. */
export function orderedConnection<Row extends { id: number }>(
  list: string,
  args: ConnectionArgs,
  sort: SortSpec,
  where: object,
  findMany: (query: { where: object; orderBy: object[]; take: number }) => Promise<Row[]>,
  count: () => Promise<number>,
) {
  return keysetConnection(
    args,
    (page) => {
      const query = keysetQuery(sort, page);
      return findMany({ ...query, where: { AND: [where, query.where] } });
    },
    {
      ordering: orderingOf(list, sort),
      sortValue: (row) => sortValue(sort.field, row),
      id: (row) => row.id,
      totalCount: count,
    },
  );
}

export const NEWEST_FIRST: SortSpec = { field: "createdAt", direction: "desc", type: "timestamp" };
