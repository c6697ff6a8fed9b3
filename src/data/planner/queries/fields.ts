// What a table-backed type offers to `where`, `orderBy` and `aggregate`, read off its fields'
// declarations (src/data/planner/plan.ts): every field exposing one column of a scalar or enum
// type (its id included), every to-one relation, and every to-many relation shown whole (a
// connection, or a list not cut short) for `some`/`every`/`none`. Nothing is listed by hand, so a field added
// to a type is filterable, orderable and groupable as soon as it is declared.
import {
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLScalarType,
  getNamedType,
  isEnumType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { objectTypeOf } from "../collect.ts";
import { type FieldPlan, type ManyRelation, planOf, tableOfType } from "../plan.ts";
import type { Table } from "../table.ts";

export interface ColumnField {
  /** The GraphQL field, e.g. "dueDate". */
  name: string;
  /** The row field (Prisma's name) it reads, e.g. "dueDate". */
  column: string;
  type: GraphQLScalarType | GraphQLEnumType;
  nullable: boolean;
  /** The Node id: compared as the table's key, given as global ids of the type. */
  isId: boolean;
  /**
   * A field of an object the row shows as another type (e.g. a batch's currentStatus.category):
   * `name` joins the two (currentStatusCategory); `where` nests it (currentStatus: { category }).
   */
  embedded?: { field: string; type: GraphQLObjectType; inner: string };
}

export type ToOne = Extract<FieldPlan, { kind: "toOne" }>;

export interface RelationField {
  name: string;
  plan: ToOne;
  target: GraphQLObjectType;
}

export interface ListRelationField {
  name: string;
  relation: ManyRelation;
  target: GraphQLObjectType;
}

/** Scalars that can be compared and ordered (JSON cannot). */
const COMPARABLE = new Set([
  "String",
  "Int",
  "Float",
  "Boolean",
  "DateTime",
  "ID",
  "NonNegativeInt",
  "PositiveInt",
  "UUID",
]);

interface Described {
  columns: ColumnField[];
  relations: RelationField[];
  lists: ListRelationField[];
}

const memo = new WeakMap<GraphQLObjectType, Described>();

/** The rows' type of a to-many field: a connection's node type, or a list's item type. */
function itemTypeOf(field: GraphQLField<unknown, unknown>): GraphQLObjectType | undefined {
  const shown = objectTypeOf(field.type);
  const edges = shown?.getFields().edges;
  return edges ? objectTypeOf((objectTypeOf(edges.type)?.getFields().node ?? edges).type) : shown;
}

function describe(type: GraphQLObjectType) {
  let known = memo.get(type);
  if (known) return known;
  const table = tableOfType(type)!;
  const columns: ColumnField[] = [];
  const relations: RelationField[] = [];
  const lists: ListRelationField[] = [];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    const many = planOf(field);
    if (many?.kind === "many" && many.whole) {
      const target = itemTypeOf(field);
      if (target && tableOfType(target) === many.relation.target)
        lists.push({ name: field.name, relation: many.relation, target });
    }
    if (field.args.length) continue;
    const named = getNamedType(field.type);
    if (field.name === "id") {
      columns.push({ name: "id", column: table.key, type: named as GraphQLScalarType, nullable: false, isId: true });
      continue;
    }
    const plan = planOf(field);
    const column = plan ? comparableColumn(field, plan) : undefined;
    if (column) columns.push({ ...column, name: field.name });
    const shown = objectTypeOf(field.type);
    if (plan?.kind === "embed" && shown) {
      for (const inner of Object.values(shown.getFields()) as GraphQLField<unknown, unknown>[]) {
        const innerPlan = planOf(inner);
        const innerColumn = innerPlan ? comparableColumn(inner, innerPlan) : undefined;
        if (!innerColumn) continue;
        const name = `${field.name}${inner.name.charAt(0).toUpperCase()}${inner.name.slice(1)}`;
        columns.push({ ...innerColumn, name, embedded: { field: field.name, type: shown, inner: inner.name } });
      }
    }
    const target = objectTypeOf(field.type);
    if (plan?.kind === "toOne" && target && tableOfType(target) === plan.target)
      relations.push({ name: field.name, plan, target });
  }
  memo.set(type, (known = { columns, relations, lists }));
  return known;
}

export const columnsOf = (type: GraphQLObjectType): ColumnField[] => describe(type).columns;
export const relationsOf = (type: GraphQLObjectType): RelationField[] => describe(type).relations;
/** The to-many relations whose whole rows the type's fields show (`where` asks some/every/none of them). */
export const listRelationsOf = (type: GraphQLObjectType): ListRelationField[] => describe(type).lists;
export const tableOf = (type: GraphQLObjectType): Table => tableOfType(type)!;

/** The column a field exposes, when it is one column of a comparable scalar or an enum. */
function comparableColumn(
  field: GraphQLField<unknown, unknown>,
  plan: FieldPlan,
): Omit<ColumnField, "name"> | undefined {
  const named = getNamedType(field.type);
  if (plan.kind !== "columns" || plan.reads.length !== 1 || field.args.length) return undefined;
  if (!isEnumType(named) && !(isScalarType(named) && COMPARABLE.has(named.name))) return undefined;
  return { column: plan.reads[0]!, type: named, nullable: !isNonNullType(field.type), isId: false };
}

/** A field name as an enum value: dueDate → DUE_DATE. */
export const constantCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase();
