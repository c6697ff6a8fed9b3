// `where` compiled into SQL conditions: and/or/not, comparisons on every column field (values
// sent as parameters of the column's own type, so its index is used), case-insensitive text
// matching with `%` and `_` taken literally, conditions through to-one relations (EXISTS on
// the related row) and some/every/none of a to-many relation's rows ([NOT] EXISTS). Bounded
// before any SQL: at most MAX_WHERE_CONDITIONS comparisons and quantifiers, nested at most
// MAX_WHERE_DEPTH deep; a condition on a type the token may not read is FORBIDDEN.
import { type GraphQLObjectType, isEnumType } from "graphql";
import { Prisma } from "../../../generated/prisma/client.ts";
import { badUserInput, domainError } from "../../../graphql/errors.ts";
import { parseId } from "../../../graphql/ids.ts";
import { likeContains, likeStartsWith } from "../../sql.ts";
import {
  type ColumnField,
  type ListRelationField,
  type RelationField,
  columnsOf,
  listRelationsOf,
  relationsOf,
  tableOf,
} from "./fields.ts";
import { keyExpression } from "./relations.ts";
import { parentKeyOf, relationLink } from "../loaders.ts";

export const MAX_WHERE_CONDITIONS = 50;
export const MAX_WHERE_DEPTH = 5;
/** The most values one `in` or `notIn` may list. */
export const MAX_WHERE_LIST = 100;

export type WhereInput = Readonly<Record<string, unknown>>;

export interface WhereScope {
  /** The scopes of the request's token (undefined: anonymous). */
  scopes: ReadonlySet<string> | undefined;
  conditions: number;
  aliases: number;
}

export const whereScope = (scopes: ReadonlySet<string> | undefined): WhereScope => ({
  scopes,
  conditions: 0,
  aliases: 0,
});

/** Refuses a condition on a type whose read scope the token lacks (it would reveal what it may not read). */
export function checkReadable(scope: WhereScope, type: GraphQLObjectType, path: string): void {
  const needed = type.extensions?.readScope as string | undefined;
  if (!needed || scope.scopes?.has(needed)) return;
  throw domainError("FORBIDDEN", `${path} reads ${type.name} data, which needs the scope ${needed}`, {
    scope: needed,
    field: path,
  });
}

function count(scope: WhereScope, path: string): void {
  if (++scope.conditions > MAX_WHERE_CONDITIONS) {
    throw domainError("LIMIT_EXCEEDED", `where may hold at most ${MAX_WHERE_CONDITIONS} conditions`, { field: path });
  }
}

/** The conditions of `where` on rows of `type` aliased `alias`; TRUE when it asks nothing. */
export function whereSql(
  scope: WhereScope,
  type: GraphQLObjectType,
  where: WhereInput | null | undefined,
  alias: string,
  path = "where",
  depth = 0,
): Prisma.Sql {
  if (!where) return Prisma.sql`TRUE`;
  if (depth > MAX_WHERE_DEPTH)
    throw domainError("LIMIT_EXCEEDED", `where may nest at most ${MAX_WHERE_DEPTH} levels deep`, { field: path });
  checkReadable(scope, type, path);
  const parts: Prisma.Sql[] = [];
  const columns = new Map(
    columnsOf(type)
      .filter((column) => !column.embedded)
      .map((column) => [column.name, column]),
  );
  const embedded = new Map<string, Map<string, ColumnField>>();
  for (const column of columnsOf(type)) {
    if (!column.embedded) continue;
    const inner = embedded.get(column.embedded.field) ?? new Map<string, ColumnField>();
    embedded.set(column.embedded.field, inner.set(column.embedded.inner, column));
  }
  const relations = new Map(relationsOf(type).map((relation) => [relation.name, relation]));
  const lists = new Map(listRelationsOf(type).map((list) => [list.name, list]));
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined || value === null) continue;
    const at = `${path}.${key}`;
    if (key === "and" || key === "or") {
      const items = (value as WhereInput[]).map((item, i) =>
        whereSql(scope, type, item, alias, `${at}[${i}]`, depth + 1),
      );
      // An empty list: every row meets all of no conditions, and none meets one of them.
      if (!items.length) {
        if (key === "or") parts.push(Prisma.sql`FALSE`);
        continue;
      }
      parts.push(Prisma.sql`(${Prisma.join(items, key === "and" ? " AND " : " OR ")})`);
    } else if (key === "not") {
      parts.push(Prisma.sql`NOT (${whereSql(scope, type, value as WhereInput, alias, at, depth + 1)})`);
    } else if (columns.has(key)) {
      parts.push(...columnConditions(scope, type, columns.get(key)!, value as WhereInput, alias, at));
    } else if (embedded.has(key)) {
      for (const [inner, filter] of Object.entries(value as WhereInput)) {
        const column = embedded.get(key)!.get(inner);
        if (column && filter != null)
          parts.push(...columnConditions(scope, type, column, filter as WhereInput, alias, `${at}.${inner}`));
      }
    } else if (relations.has(key)) {
      parts.push(relationCondition(scope, relations.get(key)!, value as WhereInput, alias, at, depth));
    } else if (lists.has(key)) {
      parts.push(...listConditions(scope, type, lists.get(key)!, value as WhereInput, alias, at, depth));
    }
  }
  return parts.length ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}

function relationCondition(
  scope: WhereScope,
  relation: RelationField,
  where: WhereInput,
  alias: string,
  path: string,
  depth: number,
) {
  const target = tableOf(relation.target);
  const t = `w${scope.aliases++}`;
  const key = keyExpression(relation.plan, alias, () => `w${scope.aliases++}`);
  const inner = whereSql(scope, relation.target, where, t, path, depth + 1);
  return Prisma.sql`EXISTS (SELECT FROM ${target.sqlName} ${Prisma.raw(t)}
    WHERE ${Prisma.raw(`${t}."${target.column(target.key)}"`)} = ${key} AND ${target.readable(Prisma.raw(t))} AND ${inner})`;
}

/**
 * some: a related row meets the condition; none: no related row does; every: no related row
 * fails to meet it (a condition that is NULL for a row, e.g. on a missing value, is not met).
 */
function listConditions(
  scope: WhereScope,
  type: GraphQLObjectType,
  list: ListRelationField,
  where: WhereInput,
  alias: string,
  path: string,
  depth: number,
): Prisma.Sql[] {
  const parentTable = tableOf(type);
  const { relation } = list;
  const parentKey = Prisma.raw(`${alias}."${parentTable.column(parentKeyOf(relation, parentTable))}"`);
  const parts: Prisma.Sql[] = [];
  for (const [quantifier, condition] of Object.entries(where)) {
    if (condition === undefined || condition === null) continue;
    const at = `${path}.${quantifier}`;
    count(scope, at);
    const t = `w${scope.aliases++}`;
    const inner = whereSql(scope, list.target, condition as WhereInput, t, at, depth + 1);
    const filter = relation.filter?.({}, Prisma.raw(t)) ?? Prisma.sql`TRUE`;
    const link = relationLink(relation, t, parentKey);
    const readable = relation.target.readable(Prisma.raw(t));
    const rows = (meets: Prisma.Sql) => Prisma.sql`EXISTS (SELECT FROM ${relation.target.sqlName} ${Prisma.raw(t)}
      WHERE ${link} AND ${readable} AND ${filter} AND ${meets})`;
    if (quantifier === "some") parts.push(rows(inner));
    else if (quantifier === "none") parts.push(Prisma.sql`NOT ${rows(inner)}`);
    else if (quantifier === "every") parts.push(Prisma.sql`NOT ${rows(Prisma.sql`(${inner}) IS NOT TRUE`)}`);
    else throw badUserInput(`${quantifier} is not a condition of ${list.name}`, at);
  }
  return parts;
}

/** A value as a parameter of the column's SQL type. */
function param(type: GraphQLObjectType, column: ColumnField, value: unknown, path: string): Prisma.Sql {
  const table = tableOf(type);
  if (column.isId) return Prisma.sql`${parseId(value as string, type.name, path)}::int`;
  if (isEnumType(column.type)) return Prisma.sql`${value}::text::${Prisma.raw(`"${table.enums[column.column]}"`)}`;
  if (table.dates.has(column.column))
    return Prisma.sql`${value instanceof Date ? value.toISOString() : value}::timestamptz`;
  return Prisma.sql`${value}`;
}

function list(type: GraphQLObjectType, column: ColumnField, values: unknown, path: string): Prisma.Sql {
  if ((values as unknown[]).length > MAX_WHERE_LIST) {
    throw domainError("LIMIT_EXCEEDED", `${path} may list at most ${MAX_WHERE_LIST} values`, { field: path });
  }
  const items = (values as unknown[]).map((value, i) => param(type, column, value, `${path}[${i}]`));
  return items.length ? Prisma.sql`(${Prisma.join(items)})` : Prisma.sql`(NULL)`;
}

const COMPARISONS: Record<string, string> = { eq: "=", ne: "<>", lt: "<", lte: "<=", gt: ">", gte: ">=" };

function columnConditions(
  scope: WhereScope,
  type: GraphQLObjectType,
  column: ColumnField,
  filter: WhereInput,
  alias: string,
  path: string,
): Prisma.Sql[] {
  const expression = Prisma.raw(tableOf(type).value(alias, column.column));
  const parts: Prisma.Sql[] = [];
  for (const [operator, value] of Object.entries(filter)) {
    if (value === undefined || value === null) continue;
    const at = `${path}.${operator}`;
    count(scope, at);
    if (operator in COMPARISONS)
      parts.push(Prisma.sql`${expression} ${Prisma.raw(COMPARISONS[operator]!)} ${param(type, column, value, at)}`);
    else if (operator === "in")
      parts.push(
        (value as unknown[]).length ? Prisma.sql`${expression} IN ${list(type, column, value, at)}` : Prisma.sql`FALSE`,
      );
    else if (operator === "notIn")
      parts.push(
        (value as unknown[]).length
          ? Prisma.sql`${expression} NOT IN ${list(type, column, value, at)}`
          : Prisma.sql`TRUE`,
      );
    else if (operator === "isNull")
      parts.push(value ? Prisma.sql`${expression} IS NULL` : Prisma.sql`${expression} IS NOT NULL`);
    else if (operator === "contains") parts.push(likeContains(expression, value as string));
    else if (operator === "startsWith") parts.push(likeStartsWith(expression, value as string));
    else throw badUserInput(`${operator} is not an operator of ${column.name}`, at);
  }
  return parts;
}
