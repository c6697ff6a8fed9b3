// Hot read paths run their statements on the driver directly (db.query), not through Prisma's
// query layer; these helpers build those statements with Prisma.sql (tagged, parameterized) and
// turn the rows into the same objects Prisma would return.
import { db } from "./db.ts";
import { Prisma } from "./generated/prisma/client.ts";

/** The column a Prisma field is stored in: the schema maps every camelCase field to snake_case. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The select list of a model's scalar fields (`Prisma.<Model>ScalarFieldEnum`) under their
 * Prisma names, e.g. `r.work_order_id AS "workOrderId"`, so rows have the shape of Prisma's.
 * Fields named in `epochMs` (timestamps read through JSON) are selected as milliseconds since
 * the epoch, which `reviveDates` turns into Dates far faster than it parses ISO text.
 */
export function selectFields(fields: Record<string, string>, alias: string, epochMs: readonly string[] = []): Prisma.Sql {
  const select = (field: string) => {
    const column = `${alias}."${columnOf(field)}"`;
    return `${epochMs.includes(field) ? `(extract(epoch FROM ${column}) * 1000)::float8` : column} AS "${field}"`;
  };
  return Prisma.raw(Object.keys(fields).map(select).join(", "));
}

/** Rows of `table` by id, in no particular order (DataLoader's `sort` puts them in key order). */
export function rowsByIds<Row>(table: string, fields: Record<string, string>, ids: readonly number[]): Promise<Row[]> {
  return db.query<Row>(Prisma.sql`SELECT ${selectFields(fields, "r")} FROM ${Prisma.raw(table)} r WHERE r.id = ANY(${[...ids]}::int[])`);
}

/**
 * JSON has no timestamps: turn the named fields (ISO text, or epoch milliseconds from
 * `selectFields`) back into Dates, as Prisma returns them. (Reading a page as one JSON value per
 * parent costs a fraction of the CPU of reading its rows.)
 */
export function reviveDates<Row>(rows: Record<string, unknown>[], dates: readonly string[]): Row[] {
  for (const row of rows) {
    for (const field of dates) {
      const value = row[field];
      if (typeof value === "number" || typeof value === "string") row[field] = new Date(value);
    }
  }
  return rows as Row[];
}
