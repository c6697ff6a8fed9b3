// Looking ahead from a page of batches: what the query selects below each batch (work order,
// queue and location, cycle counts, the first page of cycles) is read in ONE statement for the
// whole page and primed into the per-request loaders, so the fields' resolvers find it there
// instead of sending a statement each. Anything this does not recognise (a filtered or second
// cycles page, a relation not listed here) is left to the loaders, so the answer never depends
// on it; only the number of statements does.
import {
  type FieldNode,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type SelectionSetNode,
  getArgumentValues,
} from "graphql";
import type { Context } from "../context.ts";
import { db } from "../db.ts";
import { type Batch, type Location, Prisma, type Queue, type WorkOrder } from "../generated/prisma/client.ts";
import { pageRequestOf } from "../graphql/pagination.ts";
import { reviveDates, selectFields } from "../sql.ts";
import { CYCLE_SOURCE, TIMESTAMPS, cycleCounts, cyclePages } from "./loaders.ts";
import { LocationNode } from "./location.ts";
import { NO_FILTER, type WindowKey, pageJson, pageRows } from "./parent-loaders.ts";
import { QueueNode } from "./queue.ts";
import { type CategoryCounts, emptyCounts } from "./status-counts.ts";
import { WorkOrderNode } from "./work-order.ts";

/** The field nodes named `name` directly in a selection set, through fragments. */
function fieldsNamed(info: GraphQLResolveInfo, selectionSet: SelectionSetNode | undefined, name: string, found: FieldNode[] = []): FieldNode[] {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === "Field") {
      if (selection.name.value === name) found.push(selection);
    } else if (selection.kind === "InlineFragment") {
      fieldsNamed(info, selection.selectionSet, name, found);
    } else {
      fieldsNamed(info, info.fragments[selection.name.value]?.selectionSet, name, found);
    }
  }
  return found;
}

function childFields(info: GraphQLResolveInfo, parents: FieldNode[], name: string): FieldNode[] {
  return parents.flatMap((parent) => fieldsNamed(info, parent.selectionSet, name));
}

/** The Batch field nodes of a connection's `edges { node { … } }`, through fragments. */
function batchSelections(info: GraphQLResolveInfo): FieldNode[] {
  return childFields(info, childFields(info, [...info.fieldNodes], "edges"), "node");
}

const WORK_ORDER_DATES = [...TIMESTAMPS, "beginDate", "dueDate", "startDate", "endDate"];
const json = (select: Prisma.Sql) => Prisma.sql`(SELECT row_to_json(x) FROM (${select}) x)`;

interface Plan {
  workOrder: boolean;
  queue: boolean;
  queueLocation: boolean;
  location: boolean;
  counts: boolean;
  /** The one unfiltered cycles page the query asks for, if any. */
  cycles?: Omit<WindowKey, "parentId">;
}

function planFor(info: GraphQLResolveInfo): Plan | undefined {
  const nodes = batchSelections(info);
  if (!nodes.length) return undefined;
  const queues = childFields(info, nodes, "queue");
  const cycles = childFields(info, nodes, "cycles");
  const plan: Plan = {
    workOrder: childFields(info, nodes, "workOrder").length > 0,
    queue: queues.length > 0,
    queueLocation: childFields(info, queues, "location").length > 0,
    location: childFields(info, nodes, "location").length > 0,
    counts: cycles.length > 0 || childFields(info, nodes, "cycleCounts").length > 0,
  };
  const first = cycles[0];
  if (first) {
    const field = (info.schema.getType("Batch") as GraphQLObjectType).getFields().cycles!;
    const args = getArgumentValues(field, first, info.variableValues) as { filter?: unknown; first?: number; after?: string; last?: number; before?: string };
    // Invalid page arguments are left for the field's own resolver to report.
    if (args.filter == null) {
      try {
        plan.cycles = { ...NO_FILTER, filterKey: JSON.stringify(null), page: pageRequestOf(args, "key").page };
      } catch {
        plan.cycles = undefined;
      }
    }
  }
  return plan.workOrder || plan.queue || plan.location || plan.counts ? plan : undefined;
}

interface Preloaded {
  batchId: number;
  workOrder?: Record<string, unknown>;
  queue?: Record<string, unknown>;
  queueLocation?: Record<string, unknown>;
  location?: Record<string, unknown>;
  counts?: Partial<CategoryCounts>;
  cycles?: unknown[][];
}

function preloadSql(plan: Plan, batchIds: number[]): Prisma.Sql {
  const locationOf = (id: Prisma.Sql) =>
    json(Prisma.sql`SELECT ${selectFields(Prisma.LocationScalarFieldEnum, "l", TIMESTAMPS)} FROM location l WHERE l.id = ${id}`);
  const columns = [Prisma.sql`b.id AS "batchId"`];
  if (plan.workOrder) {
    columns.push(Prisma.sql`${json(Prisma.sql`SELECT ${selectFields(Prisma.WorkOrderScalarFieldEnum, "w", WORK_ORDER_DATES)}
      FROM work_order w WHERE w.id = b.work_order_id`)} AS "workOrder"`);
  }
  if (plan.queue) {
    columns.push(Prisma.sql`${json(Prisma.sql`SELECT ${selectFields(Prisma.QueueScalarFieldEnum, "q", TIMESTAMPS)}
      FROM queue q WHERE q.id = b.queue_id`)} AS queue`);
  }
  if (plan.queueLocation) {
    columns.push(Prisma.sql`${locationOf(Prisma.sql`(SELECT q.location_id FROM queue q WHERE q.id = b.queue_id)`)} AS "queueLocation"`);
  }
  if (plan.location) columns.push(Prisma.sql`${locationOf(Prisma.sql`b.location_id`)} AS location`);
  if (plan.counts) {
    columns.push(Prisma.sql`(SELECT json_object_agg(c.category, c.n) FROM (SELECT status_category::text AS category, count(*)::int AS n
      FROM cycle WHERE batch_id = b.id GROUP BY 1) c) AS counts`);
  }
  if (plan.cycles) columns.push(Prisma.sql`${pageJson(CYCLE_SOURCE, Prisma.sql`b.id`, plan.cycles)} AS cycles`);
  return Prisma.sql`SELECT ${Prisma.join(columns)} FROM batch b WHERE b.id = ANY(${batchIds}::int[])`;
}

const revive = <Row>(row: Record<string, unknown>, dates: readonly string[]) => reviveDates<Row>([row], dates)[0]!;

/** Reads what the query selects below these batches in one statement and primes the loaders with it. */
export async function preloadBatchPage(batches: readonly Batch[], context: Context, info: GraphQLResolveInfo): Promise<void> {
  const plan = batches.length ? planFor(info) : undefined;
  if (!plan) return;
  const rows = await db.query<Preloaded>(preloadSql(plan, batches.map((batch) => batch.id)));
  const [workOrders, queues, locations, counts, pages] = [
    WorkOrderNode.getDataloader(context),
    QueueNode.getDataloader(context),
    LocationNode.getDataloader(context),
    cycleCounts(context),
    cyclePages(context),
  ];
  for (const row of rows) {
    if (row.workOrder) workOrders.prime(row.workOrder.id as number, revive<WorkOrder>(row.workOrder, WORK_ORDER_DATES));
    if (row.queue) queues.prime(row.queue.id as number, revive<Queue>(row.queue, TIMESTAMPS));
    for (const location of [row.queueLocation, row.location]) {
      if (location) locations.prime(location.id as number, revive<Location>(location, TIMESTAMPS));
    }
    if (plan.counts) counts.prime(row.batchId, { ...emptyCounts(), ...row.counts });
    if (plan.cycles && row.cycles) pages.prime({ ...plan.cycles, parentId: row.batchId }, pageRows(CYCLE_SOURCE, row.cycles));
  }
}
