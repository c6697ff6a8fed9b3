// Production: the frontend's batch page (Q1) and its deep page (Q2) and node lookup (Q3), lists
// rooted at queues and work orders with connections two levels below, and the two mutations.
import { randomInt } from "node:crypto";
import { type Dialect, gatewayDialect, postgraphileDialect } from "../queries.ts";
import { type BenchCase, type CaseContext, body, globalId } from "./types.ts";

const dialectOf = (context: CaseContext): Dialect =>
  context.server === "postgraphile" ? postgraphileDialect : gatewayDialect;

/** Q2's depth: the page 10,000 batches deep at scale 101 (fewer on smaller seeds). */
const depthOf = (context: CaseContext) => Math.min(10_000, Math.floor(((context.rows.batch ?? 0) - 50) / 100) * 100);

async function cursorAtDepth(context: CaseContext, depth: number): Promise<string | null> {
  const dialect = dialectOf(context);
  let after: string | null = null;
  for (let walked = 0; walked < depth; walked += 100) {
    after = dialect.endCursor(await context.send(dialect.cursorsOnly(Math.min(100, depth - walked), after)));
  }
  return after;
}

const CYCLE_FIELDS = {
  gateway: "id label position currentStatus { status category }",
  postgraphile: "id label position statusLabel statusCategory",
};

/** queues → batches (page) → cycles (5): the queue board (nested batches oldest first: by id). */
function queueBoard(context: CaseContext, page: number): string {
  if (context.server === "postgraphile") {
    return body(
      "BenchQueues",
      `query BenchQueues($page: Int!) {
      allQueues(first: 5, orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC]) { totalCount edges { node { id label
        batchesByQueueId(first: $page, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { id label statusCategory
          cyclesByBatchId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { ${CYCLE_FIELDS.postgraphile} } } } } } } } } } }`,
      { page },
    );
  }
  return body(
    "BenchQueues",
    `query BenchQueues($page: Int!) {
    queues(first: 5, orderBy: { field: CREATED_AT }) { totalCount edges { node { id label
      batches(first: $page) { totalCount edges { node { id label currentStatus { category }
        cycles(first: 5) { totalCount edges { node { ${CYCLE_FIELDS.gateway} } } } } } } } } } }`,
    { page },
  );
}

/** work orders (page) → batches (5) → cycles (5), oldest work orders first. */
function workOrders(context: CaseContext, page: number): string {
  if (context.server === "postgraphile") {
    return body(
      "BenchWorkOrders",
      `query BenchWorkOrders($page: Int!) {
      allWorkOrders(first: $page, orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC]) { totalCount edges { node { id label dueDate
        batchesByWorkOrderId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { id label
          cyclesByBatchId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { ${CYCLE_FIELDS.postgraphile} } } } } } } } } } }`,
      { page },
    );
  }
  return body(
    "BenchWorkOrders",
    `query BenchWorkOrders($page: Int!) {
    workOrders(first: $page, orderBy: { field: CREATED_AT }) { totalCount edges { node { id label dueDate
      batches(first: 5) { totalCount edges { node { id label
        cycles(first: 5) { totalCount edges { node { ${CYCLE_FIELDS.gateway} } } } } } } } } } }`,
    { page },
  );
}

const CATEGORIES = ["PENDING", "IN_PROGRESS", "VERIFYING", "COMPLETE", "BLOCKED", "CANCELLED"];
const LABELS = ["Pending", "In Progress", "Verifying", "Complete", "Blocked", "Cancelled"];

/** A random cycle moved to a random category, as a frontend's status buttons would. */
function cycleStatus(context: CaseContext): () => string {
  const cycles = context.rows.cycle ?? 1;
  return () => {
    const id = globalId(context.server, "Cycle", randomInt(1, cycles + 1));
    const at = randomInt(CATEGORIES.length);
    if (context.server === "postgraphile") {
      return body(
        "BenchCycleStatus",
        `mutation BenchCycleStatus($id: ID!, $category: StatusCategory!, $label: String!) {
        updateCycle(input: { id: $id, cyclePatch: { statusCategory: $category, statusLabel: $label } }) {
          cycle { id statusLabel statusCategory } } }`,
        { id, category: CATEGORIES[at], label: LABELS[at] },
      );
    }
    return body(
      "BenchCycleStatus",
      `mutation BenchCycleStatus($input: UpdateCycleStatusInput!) {
      updateCycleStatus(input: $input) { cycle { id currentStatus { status category } } processStatus { id status } } }`,
      { input: { id, category: CATEGORIES[at] } },
    );
  };
}

/** A random batch relabelled. */
function batchLabel(context: CaseContext): () => string {
  const batches = context.rows.batch ?? 1;
  return () => {
    const id = globalId(context.server, "Batch", randomInt(1, batches + 1));
    const label = `Bench ${randomInt(1_000_000)}`;
    if (context.server === "postgraphile") {
      return body(
        "BenchBatchLabel",
        `mutation BenchBatchLabel($id: ID!, $label: String!) {
        updateBatch(input: { id: $id, batchPatch: { label: $label } }) { batch { id label updatedAt } } }`,
        { id, label },
      );
    }
    return body(
      "BenchBatchLabel",
      `mutation BenchBatchLabel($input: UpdateBatchInput!) {
      updateBatch(input: $input) { batch { id label updatedAt } processStatus { id status } } }`,
      { input: { id, label } },
    );
  };
}

const ALL: BenchCase["servers"] = ["postgraphile", "floor", "gateway"];
const PEERS: BenchCase["servers"] = ["postgraphile", "gateway"];

export const productionCases: BenchCase[] = [
  {
    name: "q1",
    description: "Q1: batches (page) with work order, queue.location, cycle counts, cycles(10)",
    kind: "read",
    paged: true,
    servers: ALL,
    request: (context, page) => dialectOf(context).q1(page, null),
  },
  {
    name: "q2",
    description: "Q2: Q1's page of 50, 10,000 batches deep (keyset cursor)",
    kind: "read",
    paged: false,
    servers: ALL,
    request: async (context) => dialectOf(context).q1(50, await cursorAtDepth(context, depthOf(context))),
  },
  {
    name: "node",
    description: "Q3: node(id:) of one batch with its work order",
    kind: "read",
    paged: false,
    servers: ALL,
    request: (context) =>
      dialectOf(context).q3(globalId(context.server, "Batch", Math.ceil((context.rows.batch ?? 2) / 2))),
  },
  {
    name: "queues",
    description: "queues(5) → batches(page) → cycles(5)",
    kind: "read",
    paged: true,
    servers: PEERS,
    request: queueBoard,
  },
  {
    name: "work-orders",
    description: "workOrders(page) → batches(5) → cycles(5)",
    kind: "read",
    paged: true,
    servers: PEERS,
    request: workOrders,
  },
  {
    name: "cycle-status",
    description: "updateCycleStatus of a random cycle (PostGraphile: updateCycle)",
    kind: "write",
    paged: false,
    servers: PEERS,
    request: cycleStatus,
  },
  {
    name: "batch-label",
    description: "updateBatch label of a random batch (PostGraphile: updateBatch)",
    kind: "write",
    paged: false,
    servers: PEERS,
    request: batchLabel,
  },
];
