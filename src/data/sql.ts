// Hot read paths run their statements on the driver directly (db.query), not through Prisma's
// query layer; these helpers build those statements with Prisma.sql (tagged, parameterized),
// turn the rows into the same objects Prisma would return, and give every domain's filters
// their shared pieces (LIKE, enum arrays). Pure: nothing here touches a database.
import { Prisma } from "../generated/prisma/client.ts";

/**
 * Text a `…Contains` filter looks for, with LIKE's wildcards (`%`, `_`) and its escape character
 * matched literally: for ILIKE in db.query statements, and for Prisma's `contains`, which passes
 * them to LIKE as they are.
 */
export const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** The column a Prisma field is stored in: the schema maps every camelCase field to snake_case. */
export const columnOf = (field: string) => field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * The select list of a model's scalar fields (`Prisma.<Model>ScalarFieldEnum`) under their
 * Prisma names, e.g. `r.work_order_id AS "workOrderId"`, so rows have the shape of Prisma's.
 * Fields named in `epochMs` (timestamps read through JSON) are selected as milliseconds since
 * the epoch, which `reviveDates` turns into Dates far faster than it parses ISO text. With
 * `only`, just those fields.
 */
export function selectFields(
  fields: Record<string, string>,
  alias: string,
  epochMs: readonly string[] = [],
  only?: readonly string[],
): Prisma.Sql {
  const columns = fieldColumns(fields, alias, epochMs);
  return selectList(only ? Object.fromEntries(only.map((field) => [field, columns[field]!])) : columns);
}

/** Like `selectFields`, as a map from each field to its SQL expression. */
export function fieldColumns(
  fields: Record<string, string>,
  alias: string,
  epochMs: readonly string[] = [],
): Record<string, string> {
  return Object.fromEntries(
    Object.keys(fields).map((field) => {
      const column = `${alias}."${columnOf(field)}"`;
      return [field, epochMs.includes(field) ? epochMsOf(column) : column];
    }),
  );
}

export const epochMsOf = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

/** `expression AS "name", …` of code-defined expressions. */
export const selectList = (columns: Record<string, string>) =>
  Prisma.raw(
    Object.entries(columns)
      .map(([name, expression]) => `${expression} AS "${name}"`)
      .join(", "),
  );

/**
 * Rows read as JSON arrays of values (a page as `json_agg(json_build_array(…))`: a third of the
 * bytes of objects repeating every key) made into objects under `names`, the `dates` among them
 * (epoch milliseconds or ISO text) made Dates, as Prisma returns them. Built once per shape.
 */
export function objectsOf<Row>(
  names: readonly string[],
  dates: readonly string[],
): (arrays: readonly unknown[][]) => Row[] {
  const isDate = names.map((name) => dates.includes(name));
  return (arrays) =>
    arrays.map((values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) {
        const value = values[i];
        row[names[i]!] = isDate[i] && value != null ? new Date(value as number | string) : value;
      }
      return row as Row;
    });
}

/**
 * JSON has no timestamps: turn the named fields (ISO text, or epoch milliseconds from
 * `selectFields`) back into Dates, as Prisma returns them. (Reading a page as one JSON value per
 * parent costs a fraction of the CPU of reading its rows.)
 */
export function reviveDates<Row>(rows: Record<string, unknown>[], dates: readonly string[]): Row[] {
  for (const row of rows) reviveRow(row, dates);
  return rows as Row[];
}

/** `reviveDates` for one row (e.g. a JSON column read ahead). */
export function reviveRow<Row>(row: Record<string, unknown>, dates: readonly string[]): Row {
  for (const field of dates) {
    const value = row[field];
    if (typeof value === "number" || typeof value === "string") row[field] = new Date(value);
  }
  return row as Row;
}

// Filter pieces shared by every domain.

/** `expression` contains `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeContains = (expression: Prisma.Sql, text: string) =>
  Prisma.sql`${expression} ILIKE ${`%${likeLiteral(text)}%`}`;

/** `expression` starts with `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeStartsWith = (expression: Prisma.Sql, text: string) =>
  Prisma.sql`${expression} ILIKE ${`${likeLiteral(text)}%`}`;

/**
 * A list of enum values as one parameter of the enum's array type, e.g. `= ANY(${enumArray(statuses,
 * "message_status")})`: sent as text[] (PGlite cannot serialize an array of a type it does not
 * know) and cast, so the comparison is on the enum itself and its index is used.
 */
export const enumArray = (values: readonly string[], type: string) =>
  Prisma.sql`${[...values]}::text[]::${Prisma.raw(`"${type}"`)}[]`;

/** A row condition built for an alias: what a list's filter gives the planner. */
export type AliasedCondition = (alias: Prisma.Sql) => Prisma.Sql;

/** All of `conditions` on the rows aliased `alias` (TRUE when there are none). */
export const allOf =
  (conditions: readonly AliasedCondition[]) =>
  (alias: string): Prisma.Sql =>
    conditions.length
      ? Prisma.join(
          conditions.map((condition) => condition(Prisma.raw(alias))),
          " AND ",
        )
      : Prisma.sql`TRUE`;
