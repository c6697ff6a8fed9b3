// `where`, `orderBy` and `aggregate` on every connection of table-backed rows, root and nested:
// after the builder has made the schema, each such connection field gets the two arguments and
// each such connection type an `aggregate` field, with the types of types.ts. A connection of
// figures over stored rows (`extensions.whereRowsOf`, e.g. batchStatusSummary) gets `where` and
// `aggregate` over those rows; it declares its own orderBy (of its groups). The resolvers read
// them generically (src/data/planner/run.ts, fields.ts), so a new list has them without a line.
import {
  type GraphQLField,
  type GraphQLObjectType,
  GraphQLNonNull,
  GraphQLSchema,
  getNamedType,
  isObjectType,
} from "graphql";
import { GraphQLList } from "graphql";
import { tableOfType } from "../plan.ts";
import { aggregate, type AggregateSource } from "./aggregate.ts";
import type { AggregateResult } from "./aggregate-fields.ts";
import { NOT_PLANNED, keepPlanned, plannedValue } from "../values.ts";
import { QueryTypes } from "./types.ts";

/** The item type of a connection type (`edges { node }`), when its items are table-backed rows. */
export function connectionItemType(type: unknown): GraphQLObjectType | undefined {
  const connection = getNamedType(type as never);
  if (!isObjectType(connection) || !connection.name.endsWith("Connection")) return undefined;
  const edge = getNamedType(connection.getFields().edges?.type);
  const node = isObjectType(edge) ? getNamedType(edge.getFields().node?.type) : undefined;
  return isObjectType(node) && tableOfType(node) ? node : undefined;
}

/** The rows a connection object was read from, for its aggregate (set by the planner's list resolvers). */
export const AGGREGATE_SOURCE = Symbol("aggregate source");

type WithSource = { [AGGREGATE_SOURCE]?: AggregateSource };

/**
 * Gives a connection object its rows' source, for its aggregate field, and the aggregates the
 * planner already read in its list's statement (by response key), which that field answers first.
 */
export function withAggregateSource<T extends object>(
  connection: T,
  source: AggregateSource,
  planned?: Record<string, AggregateResult>,
): T {
  (connection as WithSource)[AGGREGATE_SOURCE] = source;
  if (planned) keepPlanned(connection, planned);
  return connection;
}

function addArgument(field: GraphQLField<unknown, unknown>, name: string, type: never, description: string) {
  const args = field.args as GraphQLField<unknown, unknown>["args"][number][];
  const at = args.findIndex((arg) => arg.name === name);
  const arg = {
    name,
    type,
    description,
    defaultValue: undefined,
    deprecationReason: undefined,
    extensions: {},
    astNode: undefined,
  };
  if (at >= 0) args[at] = arg;
  else args.push(arg);
}

/**
 * The schema with `where`/`orderBy` on every connection of table-backed rows and `aggregate` on
 * their connection types. The built schema's fields are extended in place (graphql-js reads them
 * lazily, once), and a new schema is made so it holds the new types.
 */
export function withListQueries(schema: GraphQLSchema): GraphQLSchema {
  const types = new QueryTypes(schema);
  // Each connection type getting an aggregate, with the type of the rows it figures.
  const connectionTypes = new Map<GraphQLObjectType, GraphQLObjectType>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const summarized = field.extensions?.whereRowsOf as string | undefined;
      if (summarized) {
        // A connection of figures over stored rows (e.g. batchStatusSummary): `where` picks the rows.
        const rows = schema.getType(summarized) as GraphQLObjectType;
        addArgument(field, "where", types.where(rows) as never, `Only ${rows.name} rows meeting these conditions.`);
        connectionTypes.set(getNamedType(field.type) as GraphQLObjectType, rows);
        continue;
      }
      const item = connectionItemType(field.type);
      if (!item) continue;
      addArgument(
        field,
        "where",
        types.where(item) as never,
        `Only ${item.name} rows meeting these conditions (with the list's other filters).`,
      );
      addArgument(
        field,
        "orderBy",
        new GraphQLList(new GraphQLNonNull(types.order(item))) as never,
        "The ordering: by each field in turn, ties broken by id; when absent, the list's own order (see the " +
          "field). Cursors are valid for the ordering that issued them.",
      );
      connectionTypes.set(getNamedType(field.type) as GraphQLObjectType, item);
    }
  }
  for (const [connection, item] of connectionTypes) {
    const summary = connectionItemType(connection) !== item;
    const fields = connection.getFields() as Record<string, GraphQLField<unknown, unknown>>;
    fields.aggregate = {
      name: "aggregate",
      type: new GraphQLNonNull(types.aggregate(item)),
      description: summary
        ? `Figures over the ${item.name} rows summarized (with where): counts, min, max, averages, totals, groups.`
        : "Figures over the whole list (all pages), with its filters and where: counts, min, max, averages, totals, " +
          "groups.",
      args: [],
      resolve: (parent, _args, _context, info) => {
        const planned = plannedValue<AggregateResult>(parent as object, info);
        if (planned !== NOT_PLANNED) return planned;
        const source = (parent as WithSource)[AGGREGATE_SOURCE];
        if (!source) throw new Error(`${connection.name}.aggregate: the list resolver gave no aggregate source`);
        return aggregate(source, info);
      },
      extensions: {},
      astNode: undefined,
      deprecationReason: undefined,
    };
  }
  const config = schema.toConfig();
  return new GraphQLSchema({ ...config, types: [...config.types, ...types.created()] });
}
