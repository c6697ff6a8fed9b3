// `node(id:)` and `nodes(ids:)` planned like any other root field: the ids of each table-backed
// type are read in one statement with everything the selection asks of that type (fragments
// `... on Batch { … }` and the Node fields), instead of whole rows and then a loader per field.
// Ids of other types, malformed ids, and requests with the planner off go to the relay plugin's
// own resolver, which answers (and refuses) them as before.
import { brandWithType } from "@pothos/core";
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import { type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema, isObjectType } from "graphql";
import { decodeGlobalId } from "../../graphql/ids.ts";
import { ownSelections, type PlannerContext, plannedRows } from "./run.ts";
import { tableOfType } from "./plan.ts";

interface Wanted {
  index: number;
  typename: string;
  key: number;
}

/** The ids the planner can answer: valid ids of table-backed types. */
function plannable(schema: GraphQLSchema, ids: readonly unknown[]): Wanted[] {
  const wanted: Wanted[] = [];
  ids.forEach((raw, index) => {
    if (typeof raw !== "string") return;
    let decoded: { typename: string; id: string };
    try {
      decoded = decodeGlobalId(raw);
    } catch {
      return;
    }
    const type = schema.getType(decoded.typename);
    const key = Number(decoded.id);
    if (isObjectType(type) && tableOfType(type) && Number.isSafeInteger(key) && key > 0 && String(key) === decoded.id) {
      wanted.push({ index, typename: decoded.typename, key });
    }
  });
  return wanted;
}

/** The planned rows of `wanted`, by position; one statement per type. */
async function plannedNodes(wanted: readonly Wanted[], context: PlannerContext, info: GraphQLResolveInfo) {
  const byType = new Map<string, Wanted[]>();
  for (const item of wanted) byType.set(item.typename, [...(byType.get(item.typename) ?? []), item]);
  const found = new Map<number, unknown>();
  await Promise.all(
    [...byType.entries()].map(async ([typename, items]) => {
      const type = info.schema.getType(typename);
      if (!isObjectType(type)) return;
      const rows = await plannedRows(tableOfType(type)!, type, ownSelections(info), items.map((item) => item.key), context, info);
      for (const item of items) {
        const row = rows?.get(item.key);
        // The brand tells the Node interface which type the row is.
        if (row) brandWithType(row, typename as never);
        found.set(item.index, row ?? null);
      }
    }),
  );
  return found;
}

type Resolver = GraphQLFieldResolver<unknown, PlannerContext>;

function plannedNodesResolver(original: Resolver): Resolver {
  return async (root, args, context, info) => {
    const ids = (args as { ids: unknown[] }).ids;
    const wanted = context.planner ? plannable(info.schema, ids) : [];
    if (!wanted.length) return original(root, args, context, info);
    const rest = ids.filter((_, index) => !wanted.some((item) => item.index === index));
    const [planned, others] = await Promise.all([
      plannedNodes(wanted, context, info),
      rest.length ? (original(root, { ...args, ids: rest }, context, info) as Promise<unknown[]>) : Promise.resolve([]),
    ]);
    let next = 0;
    return ids.map((_, index) => (planned.has(index) ? planned.get(index) : others[next++]));
  };
}

function plannedNodeResolver(original: Resolver): Resolver {
  return async (root, args, context, info) => {
    const wanted = context.planner ? plannable(info.schema, [(args as { id: unknown }).id]) : [];
    if (!wanted.length) return original(root, args, context, info);
    return (await plannedNodes(wanted, context, info)).get(0);
  };
}

/** The schema with Query.node and Query.nodes planned. */
export function withPlannedNodes(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      if (typeName !== query || !config.resolve) return config;
      if (fieldName === "node") return { ...config, resolve: plannedNodeResolver(config.resolve as Resolver) };
      if (fieldName === "nodes") return { ...config, resolve: plannedNodesResolver(config.resolve as Resolver) };
      return config;
    },
  });
}
