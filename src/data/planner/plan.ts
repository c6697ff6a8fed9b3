// What a field of a table-backed type reads, declared on the field itself (its `extensions.plan`,
// set by the helpers in fields.ts); a field exposing a column (`t.exposeString("label")`)
// declares it by exposing it. The planner compiles a whole selection from these declarations,
// and the same declarations give every field its batched loader when nothing was planned.
import type { GraphQLField } from "graphql";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Order } from "./order.ts";
import type { Table } from "./table.ts";

/** A to-many relation: the target's rows whose `parentField` holds the parent's key. */
export interface ManyRelation {
  target: Table;
  /** The target's field holding the parent's key, e.g. cycle.batchId. */
  parentField: string;
  /** The parent's field the target refers to; the parent table's key when absent. */
  parentKey?: string;
  /** Through a join table: its field holding the parent's key and the one holding the target's. */
  through?: { table: Table; parentField: string; targetField: string };
  /** The ordering for the field's arguments (e.g. its orderBy). */
  order: (args: Readonly<Record<string, unknown>>) => Order;
  /** The conditions the field's arguments put on the target rows (alias `r`); undefined: none. */
  filter?: (args: Readonly<Record<string, unknown>>, alias: Prisma.Sql) => Prisma.Sql | undefined;
}

/** One step of a to-one path: the row of `table` found by key, and its field holding the next key. */
export interface Hop {
  table: Table;
  field: string;
}

export type FieldPlan =
  /** Reads these fields of the row; the resolver computes its value from them. */
  | { kind: "columns"; reads: readonly string[] }
  /** Returns the row itself as another object type (e.g. Status), whose fields read its columns. */
  | { kind: "embed"; reads: readonly string[] }
  /**
   * The target's row whose key is the row's `from` field (null when that is null), or, through
   * `via`, the row reached by following each hop's field from the row the previous hop found.
   */
  | { kind: "toOne"; target: Table; from: string; via: readonly Hop[]; reads: readonly string[] }
  /**
   * A page (connection) or the list of a to-many relation; `whole` when it shows every row (a
   * connection, pages through them all), not the first few.
   */
  | { kind: "many"; relation: ManyRelation; paged: boolean; whole: boolean; limit?: number; reads: readonly string[] }
  /** A value computed by SQL from the row (its alias given), e.g. counts; `decode` turns its JSON into the value. */
  | {
      kind: "computed";
      reads: readonly string[];
      sql: (alias: Prisma.Sql, args: Readonly<Record<string, unknown>>) => Prisma.Sql;
      decode?: (json: unknown) => unknown;
    }
  /** Resolved by its own resolver through the per-request loaders; reads these fields of the row. */
  | { kind: "loaded"; reads: readonly string[] };

type Extensions = { extensions: Readonly<Record<string, unknown>> };

/**
 * Spread into a type's options: its rows come from `table` (with the other options' extensions, e.g. its read scope).
 */
export const tableBacked = (table: Table, ...others: Extensions[]) => ({
  extensions: Object.assign({}, ...others.map((other) => other.extensions), { table }) as Record<string, unknown>,
});

export function tableOfType(type: { extensions?: Readonly<Record<string, unknown>> | null }): Table | undefined {
  return type.extensions?.table as Table | undefined;
}

/** The field's declared plan; a field exposing a column reads that column. */
export function planOf(field: GraphQLField<unknown, unknown>): FieldPlan | undefined {
  const declared = field.extensions?.plan as FieldPlan | undefined;
  if (declared) return declared;
  const exposed = field.extensions?.pothosExposedField;
  return typeof exposed === "string" ? { kind: "columns", reads: [exposed] } : undefined;
}
