// A table the planner reads: its SQL name, its columns under Prisma's field names, which of them
// are timestamps (read as epoch milliseconds, revived as Dates) and which are PostgreSQL enums
// (compared as their own type, so indexes are used). Declared once, beside the GraphQL type the
// rows become; test/data/tables.test.ts checks every declaration against the database.
import { Prisma } from "../../generated/prisma/client.ts";

export interface TableOptions<Row> {
  /** The SQL table, e.g. "batch". */
  name: string;
  /** Prisma's `<Model>ScalarFieldEnum`: every column under its Prisma field name. */
  fields: Record<keyof Row & string, string>;
  /** Timestamp fields. */
  dates?: readonly (keyof Row & string)[];
  /** Enum fields and their PostgreSQL type, e.g. { statusCategory: "status_category" }. */
  enums?: Partial<Record<keyof Row & string, string>>;
  /** Rows every read hides (e.g. expired ones), as a condition on the table's alias. */
  visible?: (alias: Prisma.Sql) => Prisma.Sql;
  /**
   * Fields every read computes instead of reading their column as stored (e.g. a process status
   * past its deadline reads as TIMEOUT), as SQL over the table's alias; code, never input.
   */
  expressions?: Partial<Record<keyof Row & string, (alias: string) => string>>;
  /** The unique key rows are looked up and tie-broken by; "id" when absent. */
  key?: keyof Row & string;
}

/** A declared table; `Row` is the shape of its whole rows (Prisma's model type). */
export interface Table<Row = unknown> {
  /** Only carries the row type. */
  readonly row?: Row;
  readonly name: string;
  readonly sqlName: Prisma.Sql;
  /** Every field (column under its Prisma name). */
  readonly fields: readonly string[];
  readonly dates: ReadonlySet<string>;
  readonly enums: Readonly<Record<string, string>>;
  readonly key: string;
  readonly visible?: (alias: Prisma.Sql) => Prisma.Sql;
  /** The column holding a field, e.g. workOrderId → work_order_id. */
  column(field: string): string;
  /** The expression reading a field on `alias`, timestamps as epoch milliseconds. */
  read(alias: string, field: string): string;
  /** The field's value on `alias` in its own SQL type (what filters compare), e.g. a timestamp as timestamptz. */
  value(alias: string, field: string): string;
  /** The conditions every read of the table adds (visibility), or TRUE. */
  readable(alias: Prisma.Sql): Prisma.Sql;
}

/** The column a Prisma field is stored in: the schema maps every camelCase field to snake_case. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export const epochMsOf = (expression: string) => `(extract(epoch FROM ${expression}) * 1000)::float8`;

export function defineTable<Row>(options: TableOptions<Row>): Table<Row> {
  const fields = Object.keys(options.fields);
  const dates = new Set<string>(options.dates ?? []);
  const known = new Set<string>(fields);
  for (const field of [...dates, ...Object.keys(options.enums ?? {})]) {
    if (!known.has(field)) throw new Error(`table ${options.name}: "${field}" is not one of its fields`);
  }
  return {
    name: options.name,
    sqlName: Prisma.raw(`"${options.name}"`),
    fields,
    dates,
    enums: (options.enums ?? {}) as Record<string, string>,
    key: options.key ?? "id",
    visible: options.visible,
    column: columnOf,
    read(alias, field) {
      const value = this.value(alias, field);
      return dates.has(field) ? epochMsOf(value) : value;
    },
    value(alias, field) {
      const expression = options.expressions?.[field as keyof Row & string];
      return expression ? `(${expression(alias)})` : `${alias}."${columnOf(field)}"`;
    },
    readable(alias) {
      return options.visible ? options.visible(alias) : Prisma.sql`TRUE`;
    },
  };
}
