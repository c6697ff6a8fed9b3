// A list's `aggregate` as one SQL value: what its selection asks — count, min/max/avg/sum of the
// selected fields, and each groupBy with its keys (a date by bucket in a time zone, a relation's
// row with what the selection reads of it) and figures — over the rows the list's filters and
// `where` keep. The planner compiles it into its list's statement (root or nested); an aggregate
// of a list that was not planned runs it alone.
import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  getArgumentValues,
  isEnumType,
} from "graphql";
import { db } from "../../db.ts";
import { Prisma } from "../../../generated/prisma/client.ts";
import { badUserInput } from "../../../graphql/errors.ts";
import { type Request, collectFields, objectTypeOf, subSelections } from "../collect.ts";
import { type Table, columnOf } from "../table.ts";
import { type AggregateResult, type Group, type GroupKey, groupable } from "./aggregate-fields.ts";
import { columnsOf, tableOf } from "./fields.ts";
import { keyExpression } from "./relations.ts";

/** The rows an aggregate is over: the list's table and its conditions (alias given). */
export interface AggregateSource {
  type: GraphQLObjectType;
  where: (alias: string) => Prisma.Sql;
  /** FROM items of the rows, aliased as given (a relation through a join table); the type's table otherwise. */
  from?: (alias: string) => Prisma.Sql;
}

const MAX_GROUPS = 1000;
const MAX_GROUP_FIELDS = 3;
const FIGURES = ["min", "max", "avg", "sum"] as const;
type Figure = (typeof FIGURES)[number];

const TIME_ZONES = new Set(["UTC", ...Intl.supportedValuesOf("timeZone")]);

/** Figures a selection asks for: count and, per kind, the fields. */
interface Wanted {
  count: boolean;
  fields: Record<Figure, Set<string>>;
}

function wanted(scope: Request, type: GraphQLObjectType, nodes: readonly FieldNode[]): Wanted {
  const result: Wanted = { count: false, fields: { min: new Set(), max: new Set(), avg: new Set(), sum: new Set() } };
  for (const fieldNodes of collectFields(scope, type, subSelections(nodes)).values()) {
    const name = fieldNodes[0]!.name.value;
    if (name === "count") result.count = true;
    if ((FIGURES as readonly string[]).includes(name)) {
      const valuesType = objectTypeOf(type.getFields()[name]!.type)!;
      for (const inner of collectFields(scope, valuesType, subSelections(fieldNodes)).values()) {
        if (inner[0]!.name.value !== "__typename") result.fields[name as Figure].add(inner[0]!.name.value);
      }
    }
  }
  return result;
}

/** The figures' SQL expressions over rows aliased `a`, in a fixed order, and how to read them back. */
function figures(table: Table, type: GraphQLObjectType, want: Wanted, a: string) {
  const columns = new Map(columnsOf(type).map((column) => [column.name, column]));
  const exprs: Prisma.Sql[] = [];
  const readers: ((values: unknown[], into: AggregateResult) => void)[] = [];
  if (want.count) {
    const i = exprs.push(Prisma.sql`count(*)::int`) - 1;
    readers.push((values, into) => (into.count = values[i] as number));
  }
  for (const figure of FIGURES) {
    for (const name of want.fields[figure]) {
      const column = columns.get(name)!;
      const value = table.value(a, column.column);
      const isDate = table.dates.has(column.column);
      const sql =
        figure === "avg" || figure === "sum"
          ? `${figure}(${value})::float8`
          : isDate
            ? `(extract(epoch FROM ${figure}(${value})) * 1000)::float8`
            : `${figure}(${value})`;
      const i = exprs.push(Prisma.raw(sql)) - 1;
      readers.push((values, into) => {
        const raw = values[i];
        (into[figure] ??= {})[name] = isDate && raw != null ? new Date(raw as number) : raw;
      });
    }
  }
  const read = (values: unknown[], into: AggregateResult) => {
    for (const reader of readers) reader(values, into);
    return into;
  };
  return { exprs, read };
}

/** The SQL of one group key over rows aliased `a` (a date by bucket and time zone). */
function keySql(
  key: GroupKey,
  table: Table,
  a: string,
  bucket: string,
  timeZone: string,
  nextAlias: () => string,
): Prisma.Sql {
  if (key.relation) return keyExpression(key.relation.plan, a, nextAlias);
  const value = Prisma.raw(table.value(a, key.column!.column));
  if (!key.date) return isEnumType(key.column!.type) ? Prisma.sql`${value}::text` : value;
  const zone = Prisma.sql`${timeZone}::text`;
  return Prisma.sql`(extract(epoch FROM date_trunc(${bucket}::text, ${value} AT TIME ZONE ${zone}) AT TIME ZONE ${zone}) * 1000)::float8`;
}

interface GroupArgs {
  by: string[];
  bucket: string;
  timeZone: string;
  first: number;
}

function checkGroupArgs(args: GroupArgs, keys: Map<string, GroupKey>): GroupKey[] {
  if (!args.by.length || args.by.length > MAX_GROUP_FIELDS)
    throw badUserInput(`by takes 1 to ${MAX_GROUP_FIELDS} fields`, "by");
  if (!TIME_ZONES.has(args.timeZone))
    throw badUserInput(`"${args.timeZone}" is not an IANA time zone, e.g. Europe/Stockholm`, "timeZone");
  if (args.first < 1 || args.first > MAX_GROUPS) throw badUserInput(`first must be 1 to ${MAX_GROUPS}`, "first");
  return [...new Set(args.by)].map((name) => keys.get(name)!);
}

/** A request's selections, and the counter that keeps table aliases unique within one statement. */
export interface AggregateScope extends Request {
  aliases: number;
}

/** Compiles a related row for a selection (the planner's compileRow), so a group's relation key is read in the same statement. */
export type RowCompiler = (
  table: Table,
  type: GraphQLObjectType,
  selections: readonly SelectionSetNode[],
  alias: string,
) => { sql: Prisma.Sql; decode: (json: unknown) => Record<string, unknown> };

export interface CompiledAggregate {
  /** A JSON value (NULL when the selection asks nothing). */
  sql: Prisma.Sql;
  decode: (json: unknown) => AggregateResult;
}

/** The selections on a group's relation key (`groupBy { keys { queue { … } } }`). */
function keySelections(scope: Request, groupType: GraphQLObjectType, nodes: readonly FieldNode[], name: string) {
  const keysField = groupType.getFields().keys;
  const keyType = keysField && objectTypeOf(keysField.type);
  if (!keyType) return [];
  const keysNodes = [...collectFields(scope, groupType, subSelections(nodes)).values()]
    .flat()
    .filter((node) => node.name.value === "keys");
  return subSelections(
    [...collectFields(scope, keyType, subSelections(keysNodes)).values()]
      .flat()
      .filter((node) => node.name.value === name),
  );
}

/**
 * The aggregate the selection (`nodes`, the aggregate field's) asks of `source`, as one SQL value:
 * the planner puts it in its list's statement; `aggregate` below runs it alone. Bad arguments
 * (groupBy's by, timeZone, first) throw BAD_USER_INPUT.
 */
export function compileAggregate(
  scope: AggregateScope,
  source: AggregateSource,
  aggregateType: GraphQLObjectType,
  nodes: readonly FieldNode[],
  compileRow?: RowCompiler,
): CompiledAggregate {
  const { type } = source;
  const table = tableOf(type);
  const nextAlias = () => `t${scope.aliases++}`;
  const rowsOf = (a: string) => (source.from ? source.from(a) : Prisma.sql`${table.sqlName} ${Prisma.raw(a)}`);
  const parts: Prisma.Sql[] = [];
  const readers: ((json: Record<string, unknown>, into: AggregateResult) => void)[] = [];
  const a = nextAlias();
  const totals = figures(table, type, wanted(scope, aggregateType, nodes), a);
  if (totals.exprs.length) {
    parts.push(Prisma.sql`'totals', (SELECT json_build_array(${Prisma.join(totals.exprs)}) FROM ${rowsOf(a)}
      WHERE ${source.where(a)} AND ${table.readable(Prisma.raw(a))})`);
    readers.push((json, into) => totals.read(json.totals as unknown[], into));
  }
  const keys = new Map(groupable(type).map((key) => [key.name, key]));
  const groupField = aggregateType.getFields().groupBy;
  for (const [responseKey, groupNodes] of collectFields(scope, aggregateType, subSelections(nodes))) {
    if (groupNodes[0]!.name.value !== "groupBy" || !groupField) continue;
    const args = getArgumentValues(groupField, groupNodes[0]!, scope.variables) as unknown as GroupArgs;
    const by = checkGroupArgs(args, keys);
    const groupType = objectTypeOf(groupField.type)!;
    const r = nextAlias();
    const g = nextAlias();
    const figuresOfGroup = figures(table, type, wanted(scope, groupType, groupNodes), r);
    const keyExprs = by.map((key) => keySql(key, table, r, args.bucket, args.timeZone, nextAlias));
    // A relation key answers its related row, read here with what the selection asks of it.
    const related = by.map((key) => {
      const selections = key.relation && compileRow ? keySelections(scope, groupType, groupNodes, key.name) : [];
      if (!key.relation || !compileRow || !selections.length) return undefined;
      const target = tableOf(key.relation.target);
      const t = nextAlias();
      const row = compileRow(target, key.relation.target, selections, t);
      return {
        row,
        sql: (value: string) => Prisma.sql`(SELECT ${row.sql} FROM ${target.sqlName} ${Prisma.raw(t)}
        WHERE ${Prisma.raw(`${t}."${columnOf(target.key)}"`)} = ${Prisma.raw(value)} AND ${target.readable(Prisma.raw(t))})`,
      };
    });
    const named = [
      ...keyExprs.map((sql, i) => Prisma.sql`${sql} AS k${Prisma.raw(String(i))}`),
      ...figuresOfGroup.exprs.map((sql, i) => Prisma.sql`${sql} AS e${Prisma.raw(String(i))}`),
    ];
    const outer = Prisma.join([
      ...by.map((_, i) => related[i]?.sql(`${g}.k${i}`) ?? Prisma.raw(`${g}.k${i}`)),
      ...figuresOfGroup.exprs.map((_, i) => Prisma.raw(`${g}.e${i}`)),
    ]);
    const keyOrder = Prisma.raw(by.map((_, i) => `${g}.k${i}`).join(", "));
    const positions = Prisma.raw(by.map((_, i) => String(i + 1)).join(", "));
    const label = `g:${responseKey}`;
    parts.push(Prisma.sql`${label}::text, (SELECT coalesce(json_agg(json_build_array(${outer}) ORDER BY ${keyOrder}), '[]') FROM (
      SELECT ${Prisma.join(named)} FROM ${rowsOf(r)} WHERE ${source.where(r)} AND ${table.readable(Prisma.raw(r))}
      GROUP BY ${positions} ORDER BY ${positions} LIMIT ${args.first}) ${Prisma.raw(g)})`);
    readers.push((json, into) => {
      const groups: Group[] = (json[label] as unknown[][]).map((values) => {
        const group: Group = { keys: {} };
        by.forEach((key, i) => {
          const raw = values[i];
          group.keys[key.name] =
            raw == null ? null : related[i] ? related[i].row.decode(raw) : key.date ? new Date(raw as number) : raw;
        });
        return figuresOfGroup.read(values.slice(by.length), group) as Group;
      });
      (into.groups ??= {})[responseKey] = groups;
    });
  }
  if (!parts.length) return { sql: Prisma.sql`NULL::json`, decode: () => ({}) };
  return {
    sql: Prisma.sql`json_build_object(${Prisma.join(parts)})`,
    decode: (json) => {
      const result: AggregateResult = {};
      for (const read of readers) read(json as Record<string, unknown>, result);
      return result;
    },
  };
}

/** The aggregate the selection asks of `source`, alone in one statement (when its list was not planned). */
export async function aggregate(source: AggregateSource, info: GraphQLResolveInfo): Promise<AggregateResult> {
  const scope = { schema: info.schema, fragments: info.fragments, variables: info.variableValues, aliases: 0 };
  const compiled = compileAggregate(scope, source, objectTypeOf(info.returnType)!, info.fieldNodes);
  const [row] = await db.query<{ v: unknown }>(Prisma.sql`SELECT ${compiled.sql} AS v`);
  return compiled.decode(row!.v);
}
