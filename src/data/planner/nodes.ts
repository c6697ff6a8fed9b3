// `node(id:)` and `nodes(ids:)`, planned like any other root field: the ids of each table-backed
// type are read in one statement with everything the selection asks of that type (fragments
// `... on Batch { … }` and the Node fields). Ids of other types, malformed ids, and requests with
// the planner off go to the relay plugin's own resolution, which answers (and refuses) them.
import { brandWithType } from "@pothos/core";
import { resolveNodes } from "@pothos/plugin-relay";
import { type GraphQLResolveInfo, isObjectType } from "graphql";
import type { Context } from "../../graphql/context.ts";
import { builder } from "../../graphql/builder.ts";
import { MAX_NODE_IDS } from "../../graphql/transforms/node-limits.ts";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import { tableOfType } from "./plan.ts";
import { ownSelections, plannedRows } from "./run.ts";

/** A global id as the relay plugin parses it: the type name, and the raw id parsed by that type's `parse`. */
type GlobalId = { typename: string; id: unknown };

/** Parsing each id with its type's own `parse` refuses malformed ones as node(id:) always has. */
const PARSE = { relayGlobalIDAlwaysParse: true };

interface Wanted {
  index: number;
  typename: string;
  key: number;
}

/** The ids the planner answers: well-formed ids of table-backed types. */
function plannable(info: GraphQLResolveInfo, ids: readonly GlobalId[]): Wanted[] {
  return ids.flatMap((id, index) => {
    const type = info.schema.getType(id.typename);
    const key = id.id;
    const valid =
      isObjectType(type) && tableOfType(type) && typeof key === "number" && Number.isSafeInteger(key) && key > 0;
    return valid ? [{ index, typename: id.typename, key: key as number }] : [];
  });
}

/** The objects of `ids`, in order (null for each that does not exist). */
async function nodesOf(ids: readonly GlobalId[], context: Context, info: GraphQLResolveInfo): Promise<unknown[]> {
  const wanted = context.planner ? plannable(info, ids) : [];
  const planned = new Set(wanted.map((item) => item.index));
  const rest = ids.filter((_, index) => !planned.has(index));
  const byType = new Map<string, Wanted[]>();
  for (const item of wanted) byType.set(item.typename, [...(byType.get(item.typename) ?? []), item]);
  const results: unknown[] = new Array(ids.length).fill(null);
  await Promise.all([
    ...[...byType.entries()].map(async ([typename, items]) => {
      const type = info.schema.getType(typename);
      if (!isObjectType(type)) return;
      const rows = await plannedRows(
        tableOfType(type)!,
        type,
        ownSelections(info),
        items.map((item) => item.key),
        context,
        info,
      );
      for (const item of items) {
        const row = rows?.get(item.key);
        // The brand tells the Node interface which type the row is.
        if (row) brandWithType(row, typename as never);
        results[item.index] = row ?? null;
      }
    }),
    (async () => {
      if (!rest.length) return;
      const others = await resolveNodes(builder, context, info, rest as never);
      let next = 0;
      ids.forEach((_, index) => {
        if (!planned.has(index)) results[index] = others[next++] ?? null;
      });
    })(),
  ]);
  return results;
}

builder.queryFields((t) => ({
  node: t.field({
    type: builder.nodeInterfaceRef(),
    nullable: true,
    authScopes: { authenticated: true },
    description: "Fetches any object of the graph by its global id; null when it does not exist.",
    args: { id: t.arg.globalID({ required: true, description: "The object's global id.", extensions: PARSE }) },
    resolve: async (_root, args, context, info) => (await nodesOf([args.id], context, info))[0] as never,
  }),
  nodes: t.field({
    type: [builder.nodeInterfaceRef()],
    nullable: { list: false, items: true },
    authScopes: { authenticated: true },
    extensions: listSize({ argument: "ids", max: MAX_NODE_IDS }),
    description: "Fetches objects by their global ids, in the order given; null for each id that does not exist.",
    args: { ids: t.arg.globalIDList({ required: true, description: "The objects' global ids.", extensions: PARSE }) },
    resolve: (_root, args, context, info) => nodesOf(args.ids, context, info) as never,
  }),
}));
