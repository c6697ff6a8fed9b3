// Root reads of process statuses: one by id, many by id (at most 1000), and the history of
// one entity and event type, newest first. Expired statuses behave exactly like missing ones.
import { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { listSize } from "../../graphql/transforms/query-cost.ts";
import { badUserInput, notFound } from "../../graphql/errors.ts";
import { parseId } from "../../graphql/ids.ts";
import { rowsInOrder } from "../../data/planner/fields.ts";
import { orderOf } from "../../data/planner/order.ts";
import { listConnection } from "../../data/planner/run.ts";
import { loadLiveProcessStatuses, MAX_PROCESS_STATUS_IDS, ProcessStatusNode } from "./process-status.ts";
import { processStatusTable } from "./tables.ts";

const ENTITY_PAGE_SIZE = 50;
const NEWEST_FIRST = orderOf(processStatusTable, [{ field: "createdAt", direction: "desc" }]);

/**
 * Decoded ids, each once in first-seen order. Duplicates count once toward the limit, as the
 * argument's description says; the limits are checked before anything is decoded.
 */
function processStatusIds(ids: readonly string[]): number[] {
  const distinct = new Map<string, number>(); // id → its first position, for the field of an error
  for (const [index, id] of ids.entries()) if (!distinct.has(id)) distinct.set(id, index);
  if (distinct.size === 0) throw badUserInput("ids must name at least one process status", "ids");
  if (distinct.size > MAX_PROCESS_STATUS_IDS) {
    const message = `ids may name at most ${MAX_PROCESS_STATUS_IDS} distinct process statuses, got ${distinct.size}`;
    throw badUserInput(message, "ids");
  }
  return [...new Set([...distinct].map(([id, index]) => parseId(id, "ProcessStatus", `ids[${index}]`)))];
}

builder.queryFields((t) => ({
  processStatus: t.field({
    type: ProcessStatusNode,
    nullable: true,
    authScopes: { scope: "process-status:read" },
    description:
      "A process status by its id (as returned in a mutation's payload). Null with a NOT_FOUND error when it never " +
      "existed or has expired (completed longer than the retention period ago): stop polling then.",
    args: { id: t.arg.id({ required: true, description: "Global id of the process status." }) },
    resolve: async (_root, args, context, info) => {
      const id = parseId(args.id, "ProcessStatus", "id");
      const [status] = await rowsInOrder(processStatusTable, [id], context, info, loadLiveProcessStatuses as never);
      if (!status) throw notFound(`Process status ${args.id} does not exist or has expired`, "id");
      return status as never;
    },
  }),
  processStatuses: t.field({
    type: [ProcessStatusNode],
    extensions: listSize({ argument: "ids", max: MAX_PROCESS_STATUS_IDS }),
    authScopes: { scope: "process-status:read" },
    description: `Process statuses by id, in the order first given; each id at most once. Ids of missing or expired statuses are left out. At most ${MAX_PROCESS_STATUS_IDS} ids; an empty list is refused.`,
    args: {
      ids: t.arg.idList({
        required: true,
        description: `Global ids of process statuses: 1 to ${MAX_PROCESS_STATUS_IDS}; duplicates count once.`,
      }),
    },
    resolve: async (_root, args, context, info) =>
      (await rowsInOrder(
        processStatusTable,
        processStatusIds(args.ids.map(String)),
        context,
        info,
        loadLiveProcessStatuses as never,
      )) as never,
  }),
  processStatusesByEntity: t.connection({
    type: ProcessStatusNode,
    authScopes: { scope: "process-status:read" },
    description: `The process statuses of one entity and event type, newest first; expired ones are left out. At most 100 per page, sized by \`first\` or \`last\` (one is required).`,
    args: {
      entityId: t.arg.string({
        required: true,
        description:
          "Id of the affected entity, as the process status records it; not unique on its own, hence the event type.",
      }),
      eventType: t.arg.string({ required: true, description: "The operation, e.g. UPDATE_LETTER_BATCH_STATUS." }),
    },
    resolve: (_root, args, context, info) => {
      const where = (a: string) =>
        Prisma.sql`${Prisma.raw(a)}.entity_id = ${args.entityId} AND ${Prisma.raw(a)}.event_type = ${args.eventType}`;
      const list = { table: processStatusTable, where, order: NEWEST_FIRST, sizes: { defaultSize: ENTITY_PAGE_SIZE } };
      return listConnection(list, args, context, info) as never;
    },
  }),
}));
