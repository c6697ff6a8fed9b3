// Ordering of root lists: a field and a direction, then the table's key; keyset pages and
// cursors over it come from the planner (src/data/planner/order.ts).
import { builder } from "../../graphql/builder.ts";
import { orderOf } from "../../data/planner/order.ts";
import type { Table } from "../../data/planner/table.ts";

export const OrderDirection = builder.enumType("OrderDirection", {
  description: "Sort direction.",
  values: {
    ASC: { value: "asc", description: "Ascending." },
    DESC: { value: "desc", description: "Descending." },
  } as const,
});

/** Root lists newest first (their default order; orderBy chooses another, src/data/planner/queries). */
export const NEWEST_FIRST = (table: Table) => orderOf(table, [{ field: "createdAt", direction: "desc" }]);
