// Which fields of a table-backed type aggregates use, and the resolvers of the aggregate types:
// an aggregate result (aggregate.ts) holds its totals and, under each groupBy's response key,
// its groups; a group's relation key is the related row the planner read, or loads it (batched per request).
import { type GraphQLFieldResolver, type GraphQLObjectType, getNamedType, isEnumType, isObjectType } from "graphql";
import { rowLoader } from "../loaders.ts";
import { tableOfType } from "../plan.ts";
import { isPlanned } from "../values.ts";
import { type ColumnField, type RelationField, columnsOf, relationsOf } from "./fields.ts";

const NUMERIC = new Set(["Int", "Float", "NonNegativeInt", "PositiveInt"]);

/** Column fields rows can be ordered by and compared on (every comparable one). */
export const orderedColumns = (type: GraphQLObjectType): ColumnField[] => columnsOf(type);

/** Numeric column fields (avg, sum), the id aside. */
export const numericColumns = (type: GraphQLObjectType): ColumnField[] =>
  columnsOf(type).filter((column) => !column.isId && NUMERIC.has(column.type.name));

export interface GroupKey {
  name: string;
  description: string;
  column?: ColumnField;
  relation?: RelationField;
  /** A timestamp: grouped by bucket in a time zone. */
  date?: boolean;
}

/** What rows can be grouped by: enums, flags, timestamps (by bucket) and to-one relations. */
export function groupable(type: GraphQLObjectType): GroupKey[] {
  const table = tableOfType(type)!;
  const keys: GroupKey[] = [];
  for (const column of columnsOf(type)) {
    if (column.isId) continue;
    if (isEnumType(column.type) || column.type.name === "Boolean") {
      keys.push({ name: column.name, column, description: `By ${column.name}.` });
    } else if (table.dates.has(column.column)) {
      keys.push({
        name: column.name,
        column,
        date: true,
        description: `By ${column.name}, per bucket: the bucket's start.`,
      });
    }
  }
  for (const relation of relationsOf(type))
    keys.push({ name: relation.name, relation, description: `By ${relation.name}.` });
  return keys;
}

/** An aggregate result: totals, and the groups of each groupBy by its response key. */
export interface AggregateResult {
  count?: number;
  min?: Record<string, unknown>;
  max?: Record<string, unknown>;
  avg?: Record<string, unknown>;
  sum?: Record<string, unknown>;
  groups?: Record<string, Group[]>;
}

export interface Group extends AggregateResult {
  keys: Record<string, unknown>;
}

type Resolver = GraphQLFieldResolver<AggregateResult & { keys?: Record<string, unknown> }, object>;

/** The resolvers of the aggregate, group and group-key types. */
export function aggregateFieldResolvers() {
  const value =
    (name: "count" | "min" | "max" | "avg" | "sum"): Resolver =>
    (result) =>
      result[name] ?? null;
  const key: GraphQLFieldResolver<Record<string, unknown>, object> = (keys, _args, context, info) => {
    const raw = keys[info.fieldName];
    const target = getNamedType(info.returnType);
    const table = isObjectType(target) ? tableOfType(target) : undefined;
    if (raw == null || !table) return raw ?? null;
    // Read with the group in the same statement when the list was planned; a key to load otherwise.
    if (typeof raw === "object" && isPlanned(raw)) return raw;
    return rowLoader(context, table).load(raw);
  };
  const groupBy: Resolver = (result, _args, _context, info) => result.groups?.[info.path.key as string] ?? [];
  return {
    count: value("count"),
    min: value("min"),
    max: value("max"),
    avg: value("avg"),
    sum: value("sum"),
    groupBy,
    key,
  };
}
