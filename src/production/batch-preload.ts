// Reading ahead from a page of batches: what the query selects below each batch (work order,
// queue and location, cycle counts, the first page of cycles) is read by the page's own
// statement, as JSON columns beside each batch (src/production/batch-page.ts), with only the
// columns the selected fields read, and kept with each batch for its fields' resolvers
// (src/graphql/read-ahead.ts), so no field sends a statement of its own. Anything this does not
// recognise (a filtered or second cycles page, a relation not listed here) is left to the
// loaders, so the answer never depends on it; only the number of statements does.
import { type FieldNode, type GraphQLObjectType, type GraphQLResolveInfo, getArgumentValues } from "graphql";
import type { Context } from "../context.ts";
import { type Batch, type Cycle, type Location, Prisma, type Queue, type WorkOrder } from "../generated/prisma/client.ts";
import { listOf, pageRequestOf } from "../graphql/pagination.ts";
import { keepReadAhead } from "../graphql/read-ahead.ts";
import { childFields, pageRowFields, rowFieldsFor, selectedFieldNames } from "../graphql/selection.ts";
import { reviveRow, selectFields } from "../sql.ts";
import { DATE_FIELDS } from "./dates.ts";
import { CYCLE_FIELD_READS } from "./cycle.ts";
import { CYCLE_SOURCE, cycleCounts, cyclePages } from "./loaders.ts";
import { LOCATION_FIELD_READS, LocationNode } from "./location.ts";
import {
  NO_FILTER,
  type ReadAheadPage,
  type WindowKey,
  type WindowRow,
  pageJson,
  pageRows,
  parentOrdering,
  windowCacheKey,
} from "./parent-loaders.ts";
import { QUEUE_FIELD_READS, QueueNode } from "./queue.ts";
import { type CategoryCounts, emptyCounts } from "./status-counts.ts";
import { WORK_ORDER_FIELD_READS, WorkOrderNode } from "./work-order.ts";

/** The Batch field nodes of a connection's `edges { node { … } }`, through fragments. */
function batchSelections(info: GraphQLResolveInfo): FieldNode[] {
  return childFields(info, childFields(info, [...info.fieldNodes], "edges"), "node");
}

const json = (select: Prisma.Sql) => Prisma.sql`(SELECT row_to_json(x) FROM (${select}) x)`;

/** A relation to read ahead: the row fields its selection needs, or every field when absent. */
export interface RelationPlan {
  fields?: string[];
}

export interface ReadAheadPlan {
  workOrder?: RelationPlan;
  queue?: RelationPlan;
  queueLocation?: RelationPlan;
  location?: RelationPlan;
  counts: boolean;
  /** The one unfiltered cycles page the query asks for, if any. */
  cycles?: Omit<WindowKey, "parentId">;
}

/** What to read ahead for the selection below a batches connection; undefined when nothing. */
export function readAheadPlan(info: GraphQLResolveInfo): ReadAheadPlan | undefined {
  const nodes = batchSelections(info);
  if (!nodes.length) return undefined;
  // Each relation's columns: those its fields read, wherever (under any alias) it is selected.
  const relation = (selections: FieldNode[], reads: Record<string, readonly string[]>): RelationPlan | undefined =>
    selections.length ? { fields: rowFieldsFor(selectedFieldNames(info, selections), reads, ["id"]) } : undefined;
  const queues = childFields(info, nodes, "queue");
  const cycles = childFields(info, nodes, "cycles");
  const plan: ReadAheadPlan = {
    workOrder: relation(childFields(info, nodes, "workOrder"), WORK_ORDER_FIELD_READS),
    queue: relation(queues, QUEUE_FIELD_READS),
    queueLocation: relation(childFields(info, queues, "location"), LOCATION_FIELD_READS),
    location: relation(childFields(info, nodes, "location"), LOCATION_FIELD_READS),
    counts: cycles.length > 0 || childFields(info, nodes, "cycleCounts").length > 0,
  };
  const first = cycles[0];
  if (first) {
    // The field nodes the first cycles field's resolver gets (same response key), so both
    // choose the same columns and the page primed is the page loaded.
    const responseKey = (node: FieldNode) => (node.alias ?? node.name).value;
    const sameKey = cycles.filter((node) => responseKey(node) === responseKey(first));
    const batchType = info.schema.getType("Batch") as GraphQLObjectType;
    const field = batchType.getFields().cycles!;
    const args = getArgumentValues(field, first, info.variableValues) as { filter?: unknown; first?: number; after?: string; last?: number; before?: string };
    // Invalid page arguments are left for the field's own resolver to report.
    if (args.filter == null) {
      try {
        const fields = pageRowFields(info, sameKey, CYCLE_FIELD_READS);
        const ordering = parentOrdering(listOf({ parentType: batchType, fieldName: field.name }));
        plan.cycles = { ...NO_FILTER, filterKey: JSON.stringify(null), page: pageRequestOf(args, ordering).page, fields };
      } catch {
        plan.cycles = undefined;
      }
    }
  }
  return plan.workOrder || plan.queue || plan.location || plan.counts ? plan : undefined;
}

/** The read-ahead columns of a page row (and the list's count, src/production/batch-page.ts). */
export interface ReadAhead {
  totalCount?: number;
  workOrder?: Record<string, unknown>;
  queue?: Record<string, unknown>;
  queueLocation?: Record<string, unknown>;
  location?: Record<string, unknown>;
  counts?: Partial<CategoryCounts>;
  cycles?: unknown[][];
}

/**
 * The read-ahead columns for the batch row aliased `b` (its fields under Prisma's names, as the
 * page's inner select gives them).
 */
export function readAheadColumns(plan: ReadAheadPlan): Prisma.Sql[] {
  const locationOf = (id: Prisma.Sql, { fields }: RelationPlan) =>
    json(Prisma.sql`SELECT ${selectFields(Prisma.LocationScalarFieldEnum, "l", DATE_FIELDS.location, fields)} FROM location l WHERE l.id = ${id}`);
  const columns: Prisma.Sql[] = [];
  if (plan.workOrder) {
    columns.push(Prisma.sql`${json(Prisma.sql`SELECT ${selectFields(Prisma.WorkOrderScalarFieldEnum, "w", DATE_FIELDS.workOrder, plan.workOrder.fields)}
      FROM work_order w WHERE w.id = b."workOrderId"`)} AS "workOrder"`);
  }
  if (plan.queue) {
    columns.push(Prisma.sql`${json(Prisma.sql`SELECT ${selectFields(Prisma.QueueScalarFieldEnum, "q", DATE_FIELDS.queue, plan.queue.fields)}
      FROM queue q WHERE q.id = b."queueId"`)} AS queue`);
  }
  if (plan.queueLocation) {
    const id = Prisma.sql`(SELECT q.location_id FROM queue q WHERE q.id = b."queueId")`;
    columns.push(Prisma.sql`${locationOf(id, plan.queueLocation)} AS "queueLocation"`);
  }
  if (plan.location) columns.push(Prisma.sql`${locationOf(Prisma.sql`b."locationId"`, plan.location)} AS location`);
  if (plan.counts) {
    columns.push(Prisma.sql`(SELECT json_object_agg(c.category, c.n) FROM (SELECT status_category::text AS category, count(*)::int AS n
      FROM cycle WHERE batch_id = b.id GROUP BY 1) c) AS counts`);
  }
  if (plan.cycles) columns.push(Prisma.sql`${pageJson(CYCLE_SOURCE, Prisma.sql`b.id`, plan.cycles)} AS cycles`);
  return columns;
}

/**
 * Keeps a page's read-ahead columns with each batch (and a queue's location with the queue) for
 * the fields' resolvers, primes the loaders with the whole rows among them for other fields
 * that load the same rows (never with rows of only some fields), and returns the batches
 * without them.
 */
export function primeReadAhead(rows: (Batch & ReadAhead)[], plan: ReadAheadPlan | undefined, context: Context): Batch[] {
  if (!plan) return rows.map(({ totalCount: _count, ...batch }) => batch);
  const [workOrders, queues, locations, counts, pages] = [
    WorkOrderNode.getDataloader(context),
    QueueNode.getDataloader(context),
    LocationNode.getDataloader(context),
    cycleCounts(context),
    cyclePages(context),
  ];
  const whole = (relation: RelationPlan | undefined) => relation?.fields === undefined;
  return rows.map(({ workOrder, queue, queueLocation, location, counts: byCategory, cycles, totalCount: _count, ...batch }) => {
    const ahead: Record<string, unknown> = {};
    if (workOrder) {
      const row = (ahead.workOrder = reviveRow<WorkOrder>(workOrder, DATE_FIELDS.workOrder));
      if (whole(plan.workOrder)) workOrders.prime(row.id, row);
    }
    if (queue) {
      const row = (ahead.queue = reviveRow<Queue>(queue, DATE_FIELDS.queue));
      if (whole(plan.queue)) queues.prime(row.id, row);
      if (queueLocation) {
        const place = reviveRow<Location>(queueLocation, DATE_FIELDS.location);
        keepReadAhead(row, { location: place });
        if (whole(plan.queueLocation)) locations.prime(place.id, place);
      }
    }
    if (location) {
      const place = (ahead.location = reviveRow<Location>(location, DATE_FIELDS.location));
      if (whole(plan.location)) locations.prime(place.id, place);
    }
    if (plan.counts) counts.prime(batch.id, (ahead.counts = { ...emptyCounts(), ...byCategory }));
    if (plan.cycles && cycles) {
      const key = { ...plan.cycles, parentId: batch.id };
      const page = pageRows<Cycle & WindowRow>(CYCLE_SOURCE, cycles, plan.cycles.fields);
      ahead.cycles = { cacheKey: windowCacheKey(key), rows: page } satisfies ReadAheadPage<Cycle & WindowRow>;
      pages.prime(key, page);
    }
    keepReadAhead(batch, ahead);
    return batch;
  });
}
