// `orderBy` of any connection: a list of column fields, each ascending or descending, ties
// broken by the table's key, compiled into the planner's Order (src/data/planner/order.ts). The
// ordering names its cursors, so a cursor issued under another ordering is refused.
import type { GraphQLObjectType } from "graphql";
import { badUserInput } from "../../../graphql/errors.ts";
import { type Direction, type Order, type SortKey, orderOf } from "../order.ts";
import { columnsOf, tableOf } from "./fields.ts";

export interface OrderInput {
  /** The GraphQL field (the enum's value). */
  field: string;
  direction?: Direction | null;
}

/** At most this many fields in one orderBy. */
export const MAX_ORDER_FIELDS = 5;

/** The ordering `orderBy` asks for on rows of `type`, or `fallback` when it asks none. */
export function orderFromInput(
  type: GraphQLObjectType,
  input: readonly OrderInput[] | OrderInput | null | undefined,
  fallback: Order,
): Order {
  const items = input == null ? [] : Array.isArray(input) ? input : [input as OrderInput];
  if (!items.length) return fallback;
  if (items.length > MAX_ORDER_FIELDS)
    throw badUserInput(`orderBy may list at most ${MAX_ORDER_FIELDS} fields`, "orderBy");
  const columns = new Map(columnsOf(type).map((column) => [column.name, column]));
  const keys: SortKey[] = items.map((item, i) => {
    const column = columns.get(item.field);
    if (!column) throw badUserInput(`${type.name} cannot be ordered by ${item.field}`, `orderBy[${i}].field`);
    return { field: column.column, direction: item.direction ?? "asc", nullable: column.nullable };
  });
  return orderOf(tableOf(type), keys);
}
