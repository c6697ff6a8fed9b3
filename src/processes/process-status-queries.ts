// Root reads of process statuses: one by id, many by id (at most 1000), and the history of
// one entity and event type, newest first. Expired statuses behave exactly like missing ones.
import { prisma } from "../db.ts";
import { builder } from "../graphql/builder.ts";
import { listSize } from "../graphql/query-cost.ts";
import { badUserInput, notFound } from "../graphql/errors.ts";
import { parseId } from "../graphql/ids.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
import { effectiveState, liveWhere } from "./retention.ts";
import { loadLiveProcessStatuses, MAX_PROCESS_STATUS_IDS, ProcessStatusNode } from "./process-status.ts";

const ENTITY_PAGE_SIZE = 50;

/**
 * Decoded ids, each once in first-seen order. Duplicates count once toward the limit, as the
 * argument's description says; the limits are checked before anything is decoded.
 */
function processStatusIds(ids: readonly string[]): number[] {
  const distinct = new Map<string, number>(); // id → its first position, for the field of an error
  ids.forEach((id, index) => distinct.has(id) || distinct.set(id, index));
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
      "A process status by its id (as returned in a mutation's payload). Null with a NOT_FOUND error when it never existed or has expired (completed longer than the retention period ago): stop polling then.",
    args: { id: t.arg.id({ required: true, description: "Global id of the process status." }) },
    resolve: async (_root, args, context) => {
      const id = parseId(args.id, "ProcessStatus", "id");
      const status = await ProcessStatusNode.getDataloader(context).load(id);
      if (!status) throw notFound(`Process status ${args.id} does not exist or has expired`, "id");
      return status;
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
    resolve: async (_root, args) => {
      const ids = processStatusIds(args.ids.map(String));
      const byId = new Map((await loadLiveProcessStatuses(ids)).map((status) => [status.id, status]));
      return ids.flatMap((id) => byId.get(id) ?? []);
    },
  }),
  processStatusesByEntity: t.connection({
    type: ProcessStatusNode,
    authScopes: { scope: "process-status:read" },
    description: `The process statuses of one entity and event type, newest first; expired ones are left out. At most 100 per page, sized by \`first\` or \`last\` (one is required).`,
    args: {
      entityId: t.arg.string({
        required: true,
        description: "Id of the affected entity, as the process status records it; not unique on its own, hence the event type.",
      }),
      eventType: t.arg.string({ required: true, description: "The operation, e.g. UPDATE_LETTER_BATCH_STATUS." }),
    },
    resolve: (_root, args, _context, info) => {
      const where = { entityId: args.entityId, eventType: args.eventType, ...liveWhere() };
      return createdAtConnection(
        listOf(info),
        args,
        "desc",
        async (page) => {
          const rows = await prisma.processStatus.findMany({ ...page, where: { AND: [where, page.where] } });
          return rows.map((row) => effectiveState(row));
        },
        () => prisma.processStatus.count({ where }),
        { defaultSize: ENTITY_PAGE_SIZE },
      );
    },
  }),
}));
