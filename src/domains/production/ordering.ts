// Ordering of root lists: a field and a direction, then the table's key; keyset pages and
// cursors over it come from the planner (src/data/planner/order.ts).
import { builder } from "../../graphql/builder.ts";
import { type Direction, type Order, orderOf } from "../../data/planner/order.ts";
import type { Table } from "../../data/planner/table.ts";

export const OrderDirection = builder.enumType("OrderDirection", {
  description: "Sort direction.",
  values: {
    ASC: { value: "asc", description: "Ascending." },
    DESC: { value: "desc", description: "Descending." },
  } as const,
});

/** Fields that may hold NULL (they sort last ascending and first descending). */
const NULLABLE_FIELDS = new Set(["dueDate"]);

/** The ordering a list's `orderBy` asks for; without one, `fallback` (e.g. newest first). */
export function listOrder(
  table: Table,
  order: { field: string; direction?: Direction | null } | null | undefined,
  fallback: { field: string; direction: Direction },
): Order {
  const { field, direction } = order ? { field: order.field, direction: order.direction ?? "asc" } : fallback;
  return orderOf(table, [{ field, direction, nullable: NULLABLE_FIELDS.has(field) }]);
}

export const NEWEST_FIRST = { field: "createdAt", direction: "desc" } as const;
