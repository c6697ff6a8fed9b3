// The GraphQL types of `where`, `orderBy` and `aggregate`, generated for each table-backed type
// from its fields (fields.ts): `<T>Where` (and/or/not, an operator input per column field, a
// nested `<T>Where` per to-one relation), `<T>Order` with `<T>OrderField`, and `<T>Aggregate`
// with its groups. Made once per schema, referring to the schema's own types.
import {
  GraphQLBoolean,
  type GraphQLEnumType,
  GraphQLEnumType as EnumType,
  GraphQLFloat,
  type GraphQLInputFieldConfigMap,
  GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNullableType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  GraphQLObjectType as ObjectType,
  type GraphQLFieldConfigMap,
  type GraphQLFieldResolver,
  type GraphQLScalarType,
  type GraphQLSchema,
  GraphQLString,
  isEnumType,
} from "graphql";
import { MAX_WHERE_CONDITIONS, MAX_WHERE_DEPTH, MAX_WHERE_LIST } from "./where.ts";
import { type ColumnField, columnsOf, constantCase, listRelationsOf, relationsOf } from "./fields.ts";
import { listSize } from "../../../graphql/transforms/query-cost.ts";
import { MAX_ORDER_FIELDS } from "./ordering.ts";
import { aggregateFieldResolvers, groupable, numericColumns, orderedColumns } from "./aggregate-fields.ts";

const list = <T extends GraphQLNullableType>(type: T) => new GraphQLList(new GraphQLNonNull(type));

export class QueryTypes {
  private readonly made = new Map<string, GraphQLInputObjectType | GraphQLEnumType | GraphQLObjectType>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** Every type made so far, to add to the schema. */
  created() {
    return [...this.made.values()];
  }

  private once<T extends GraphQLInputObjectType | GraphQLEnumType | GraphQLObjectType>(name: string, make: () => T): T {
    let type = this.made.get(name) as T | undefined;
    if (!type) this.made.set(name, (type = make()));
    return type;
  }

  /** The operators one column field takes, by its GraphQL type. */
  private filter(column: ColumnField): GraphQLInputObjectType {
    const type = column.type;
    const name = `${column.isId ? "ID" : type.name}Filter`;
    return this.once(name, () => {
      const value: GraphQLInputType = column.isId ? (this.schema.getType("ID") as GraphQLScalarType) : type;
      const ordered = !column.isId && !isEnumType(type) && type.name !== "Boolean";
      const fields: GraphQLInputFieldConfigMap = {
        eq: { type: value, description: "Equal to this value." },
        ne: { type: value, description: "Not equal to this value (rows holding no value do not match)." },
      };
      if (type.name !== "Boolean") {
        fields.in = { type: list(value), description: `Equal to one of these values (at most ${MAX_WHERE_LIST}).` };
        fields.notIn = { type: list(value), description: `Equal to none of these values (at most ${MAX_WHERE_LIST}).` };
      }
      if (ordered) {
        fields.lt = { type: value, description: "Less than this value." };
        fields.lte = { type: value, description: "Less than or equal to this value." };
        fields.gt = { type: value, description: "Greater than this value." };
        fields.gte = { type: value, description: "Greater than or equal to this value." };
      }
      fields.isNull = { type: GraphQLBoolean, description: "true: holds no value; false: holds one." };
      if (type.name === "String" && !column.isId) {
        fields.contains = {
          type: GraphQLString,
          description: "Contains this text, ignoring case; % and _ match themselves.",
        };
        fields.startsWith = {
          type: GraphQLString,
          description: "Starts with this text, ignoring case; % and _ match themselves.",
        };
      }
      const what = column.isId ? "a global id" : isEnumType(type) ? `a ${type.name}` : `a ${type.name} value`;
      return new GraphQLInputObjectType({ name, description: `Conditions on ${what}; all given ones apply.`, fields });
    });
  }

  /** `<T>Where`: the conditions a row of `type` must meet. */
  where(type: GraphQLObjectType): GraphQLInputObjectType {
    return this.once(`${type.name}Where`, () => {
      const where: GraphQLInputObjectType = new GraphQLInputObjectType({
        name: `${type.name}Where`,
        description:
          `Conditions on ${type.name} rows; all given ones apply. At most ${MAX_WHERE_CONDITIONS} comparisons, ` +
          `nested at most ${MAX_WHERE_DEPTH} deep (LIMIT_EXCEEDED beyond, before any SQL); conditions on data the ` +
          "token may not read are FORBIDDEN.",
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {
            and: { type: list(where), description: "Every one of these conditions (an empty list: any row)." },
            or: { type: list(where), description: "At least one of these conditions (an empty list: no row)." },
            not: { type: where, description: "Not this condition." },
          };
          for (const column of columnsOf(type)) {
            if (!column.embedded)
              fields[column.name] = { type: this.filter(column), description: `Conditions on ${column.name}.` };
            else
              fields[column.embedded.field] ??= {
                type: this.embeddedWhere(type, column.embedded.type),
                description: `Conditions on ${column.embedded.field}.`,
              };
          }
          for (const relation of relationsOf(type)) {
            fields[relation.name] = {
              type: this.where(relation.target),
              description: `Conditions on the ${relation.name} (it must exist and meet them).`,
            };
          }
          for (const list of listRelationsOf(type)) {
            fields[list.name] ??= {
              type: this.listWhere(list.target),
              description: `Conditions on the ${list.name}: whether some, every or none of them meet a condition.`,
            };
          }
          return fields;
        },
      });
      return where;
    });
  }

  /** `<T>ListWhere`: what some, every or none of a row's related `type` rows must meet. */
  private listWhere(type: GraphQLObjectType): GraphQLInputObjectType {
    return this.once(`${type.name}ListWhere`, () => {
      const where = this.where(type);
      return new GraphQLInputObjectType({
        name: `${type.name}ListWhere`,
        description: `Conditions on a row's ${type.name} rows; all given ones apply.`,
        fields: {
          some: {
            type: where,
            description: "At least one of them meets this condition; `{}` asks only that there is one.",
          },
          every: {
            type: where,
            description: "Every one of them meets this condition (also true when there are none).",
          },
          none: { type: where, description: "None of them meets this condition; `{}` asks that there are none." },
        },
      });
    });
  }

  /** `<E>Where`: conditions on the fields of an object a row shows as another type (e.g. Status). */
  private embeddedWhere(owner: GraphQLObjectType, embedded: GraphQLObjectType): GraphQLInputObjectType {
    return this.once(`${embedded.name}Where`, () => {
      const columns = columnsOf(owner).filter((column) => column.embedded?.type === embedded);
      return new GraphQLInputObjectType({
        name: `${embedded.name}Where`,
        description: `Conditions on a ${embedded.name}; all given ones apply.`,
        fields: Object.fromEntries(
          columns.map((column) => [
            column.embedded!.inner,
            { type: this.filter(column), description: `Conditions on ${column.embedded!.inner}.` },
          ]),
        ),
      });
    });
  }

  /** `<T>Order`: one field of an ordering. */
  order(type: GraphQLObjectType): GraphQLInputObjectType {
    return this.once(`${type.name}Order`, () => {
      const field = this.once(
        `${type.name}OrderField`,
        () =>
          new EnumType({
            name: `${type.name}OrderField`,
            description:
              `What ${type.name} rows can be ordered by; ties are broken by id. The list's default ordering and the ` +
              "indexed fields page straight from an index; other fields sort the rows that match `where` first.",
            values: Object.fromEntries(
              orderedColumns(type).map((column) => [
                constantCase(column.name),
                {
                  value: column.name,
                  description: column.nullable
                    ? `${column.name} (rows without one come last ascending, first descending).`
                    : `${column.name}.`,
                },
              ]),
            ),
          }),
      );
      return new GraphQLInputObjectType({
        name: `${type.name}Order`,
        description: `One field of an ordering of ${type.name} rows (orderBy takes a list of at most ${MAX_ORDER_FIELDS}).`,
        fields: {
          field: { type: new GraphQLNonNull(field), description: "The field to order by." },
          direction: {
            type: this.schema.getType("OrderDirection") as GraphQLEnumType,
            defaultValue: "asc",
            description: "The direction; ASC by default.",
          },
        },
      });
    });
  }

  timeBucket(): GraphQLEnumType {
    return this.once(
      "TimeBucket",
      () =>
        new EnumType({
          name: "TimeBucket",
          description: "A span of time that dates are grouped by, in the time zone the grouping gives.",
          values: {
            HOUR: { value: "hour", description: "Each hour." },
            DAY: { value: "day", description: "Each calendar day." },
            WEEK: { value: "week", description: "Each week, from Monday." },
            MONTH: { value: "month", description: "Each calendar month." },
          },
        }),
    );
  }

  /** Per column: min/max (`values`) or avg/sum (`numbers`) of `type`'s rows. */
  private values(type: GraphQLObjectType, kind: "values" | "numbers"): GraphQLObjectType | undefined {
    const columns =
      kind === "values"
        ? orderedColumns(type).filter(
            (c) => !c.isId && !isEnumType(c.type) && c.type.name !== "Boolean" && c.type.name !== "String",
          )
        : numericColumns(type);
    if (!columns.length) return undefined;
    const name = `${type.name}Aggregate${kind === "values" ? "Values" : "Numbers"}`;
    return this.once(name, () => {
      const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
      for (const column of columns) {
        fields[column.name] = {
          type: kind === "values" ? column.type : GraphQLFloat,
          description: `Over ${column.name} (null when no row has one).`,
        };
      }
      return new ObjectType({
        name,
        description:
          kind === "values"
            ? "The least or greatest value of each field."
            : "The average or total of each numeric field.",
        fields,
      });
    });
  }

  /** `<T>Aggregate`: count, min, max, avg, sum and groups of a list of `type`, over the rows its filters keep. */
  aggregate(type: GraphQLObjectType): GraphQLObjectType {
    return this.once(`${type.name}Aggregate`, () => {
      const values = this.values(type, "values");
      const numbers = this.values(type, "numbers");
      const resolvers = aggregateFieldResolvers() as unknown as Record<string, GraphQLFieldResolver<unknown, unknown>>;
      const totals = (): GraphQLFieldConfigMap<unknown, unknown> => ({
        count: { type: new GraphQLNonNull(GraphQLInt), description: "How many rows.", resolve: resolvers.count },
        ...(values && {
          min: { type: values, description: "The least value of each field.", resolve: resolvers.min },
          max: { type: values, description: "The greatest value of each field.", resolve: resolvers.max },
        }),
        ...(numbers && {
          avg: { type: numbers, description: "The average of each numeric field.", resolve: resolvers.avg },
          sum: { type: numbers, description: "The total of each numeric field.", resolve: resolvers.sum },
        }),
      });
      const keys = groupable(type);
      const group = keys.length ? this.group(type, totals) : undefined;
      return new ObjectType({
        name: `${type.name}Aggregate`,
        description: `Figures over the ${type.name} rows of the list (with its filters and where), computed by PostgreSQL.`,
        extensions: { readScope: type.extensions?.readScope },
        fields: () => ({
          ...totals(),
          ...(group && {
            groupBy: {
              type: new GraphQLNonNull(list(group.type)),
              description:
                "The rows grouped by the given fields (a date by the bucket, in the time zone), each group with " +
                "its figures; in order of their keys.",
              args: {
                by: { type: new GraphQLNonNull(list(group.fields)), description: "The fields to group by (1 to 3)." },
                bucket: {
                  type: this.timeBucket(),
                  defaultValue: "day",
                  description: "How dates are grouped; DAY by default.",
                },
                timeZone: {
                  type: GraphQLString,
                  defaultValue: "UTC",
                  description: "The IANA time zone dates are grouped in, e.g. Europe/Stockholm; UTC by default.",
                },
                first: {
                  type: GraphQLInt,
                  defaultValue: 100,
                  description: "At most this many groups (1 to 1000); 100 by default.",
                },
              },
              resolve: resolvers.groupBy,
              extensions: listSize({ argument: "first", max: 1000 }),
            },
          }),
        }),
      });
    });
  }

  private group(type: GraphQLObjectType, totals: () => GraphQLFieldConfigMap<unknown, unknown>) {
    const keys = groupable(type);
    const fields = this.once(
      `${type.name}GroupField`,
      () =>
        new EnumType({
          name: `${type.name}GroupField`,
          description: `What ${type.name} rows can be grouped by.`,
          values: Object.fromEntries(
            keys.map((key) => [constantCase(key.name), { value: key.name, description: key.description }]),
          ),
        }),
    );
    const resolvers = aggregateFieldResolvers() as unknown as Record<string, GraphQLFieldResolver<unknown, unknown>>;
    const keyType = this.once(
      `${type.name}GroupKeys`,
      () =>
        new ObjectType({
          name: `${type.name}GroupKeys`,
          description: "What the rows of a group share; null for the fields not grouped by (or holding no value).",
          fields: () =>
            Object.fromEntries(
              keys.map((key) => [
                key.name,
                {
                  type: key.relation ? key.relation.target : (key.column!.type as GraphQLScalarType),
                  description: key.description,
                  resolve: resolvers.key,
                },
              ]),
            ),
        }),
    );
    const groupType = this.once(
      `${type.name}Group`,
      () =>
        new ObjectType({
          name: `${type.name}Group`,
          description: `A group of ${type.name} rows with its figures.`,
          fields: () => ({
            keys: { type: new GraphQLNonNull(keyType), description: "What the group's rows share." },
            ...totals(),
          }),
        }),
    );
    return { fields, type: groupType };
  }
}
