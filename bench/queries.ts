// The requests of the benchmark, in each server's dialect. The floor receives exactly the
// gateway's requests (it dispatches on operationName) and answers in the gateway's shape.

/** Batch fields a frontend's list shows: work order, queue with location, counts, first cycles. */
const GATEWAY_BATCH = `id label createdAt currentStatus { status category }
  workOrder { id label dueDate }
  queue { id label location { id label } }
  cycleCounts { pending inProgress verifying complete blocked cancelled needed }
  cycles(first: 10) { totalCount edges { node { id label position currentStatus { status category } } } }`;

const POSTGRAPHILE_BATCH = `id label createdAt statusLabel statusCategory
  workOrderByWorkOrderId { id label dueDate }
  queueByQueueId { id label locationByLocationId { id label } }
  cycleCounts { pending inProgress verifying complete blocked cancelled needed }
  cyclesByBatchId(first: 10, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { id label position statusLabel statusCategory } } }`;

export interface Dialect {
  /** Q1/Q2: a page of batches, oldest first, with everything a list row shows. */
  q1(first: number, after: string | null): string;
  /** Only the cursors, to walk to a depth. */
  cursorsOnly(first: number, after: string | null): string;
  /** Q3: one batch by its global id, with its work order. */
  q3(nodeId: string): string;
  endCursor(response: unknown): string | null;
  summarize(response: unknown): PageSummary;
}

/** What must agree across servers: the batches in order with their counts and first cycles. */
export interface PageSummary {
  totalCount: number;
  batches: {
    id: number;
    workOrder: number;
    location: number;
    cycles: number;
    counts: number[];
    firstCycles: number[];
  }[];
}

const body = (operationName: string, query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ operationName, query, variables });

// Three servers' response shapes, walked without declaring each one.
type Json = any;

function counts(node: Json): number[] {
  const c = node.cycleCounts;
  return [c.pending, c.inProgress, c.verifying, c.complete, c.blocked, c.cancelled, c.needed];
}

const gatewayRawId = (id: string) => Number(Buffer.from(id, "base64").toString("utf8").split(":")[1]);
const postgraphileRawId = (id: string) => Number(JSON.parse(Buffer.from(id, "base64").toString("utf8"))[1]);

/** Where a dialect differs: names of the list and relations, the cursor type, the ordering and its ids. */
interface Naming {
  list: string;
  cursorType: string;
  orderBy: string;
  batchFields: string;
  workOrder: string;
  queue: string;
  location: string;
  cycles: string;
  rawId(id: string): number;
}

function dialect(n: Naming): Dialect {
  const list = (selection: string) => `${n.list}(first: $first, after: $after, orderBy: ${n.orderBy}) { ${selection} }`;
  const variables = `$first: Int!, $after: ${n.cursorType}`;
  return {
    q1: (first, after) =>
      body(
        "BenchBatches",
        `query BenchBatches(${variables}) {
        ${list(`totalCount pageInfo { hasNextPage endCursor } edges { node { ${n.batchFields} } }`)} }`,
        { first, after },
      ),
    cursorsOnly: (first, after) =>
      body("BenchCursors", `query BenchCursors(${variables}) { ${list("pageInfo { endCursor }")} }`, { first, after }),
    q3: (nodeId) =>
      body(
        "BenchNode",
        `query BenchNode($id: ID!) { node(id: $id) { id ... on Batch { label ${n.workOrder} { id label } } } }`,
        { id: nodeId },
      ),
    endCursor: (response) => (response as Json).data[n.list].pageInfo.endCursor,
    summarize: (response) => {
      const page = (response as Json).data[n.list];
      return {
        totalCount: page.totalCount,
        batches: page.edges.map(({ node }: Json) => ({
          id: n.rawId(node.id),
          workOrder: n.rawId(node[n.workOrder].id),
          location: n.rawId(node[n.queue][n.location].id),
          cycles: node[n.cycles].totalCount,
          counts: counts(node),
          firstCycles: node[n.cycles].edges.map((edge: Json) => n.rawId(edge.node.id)),
        })),
      };
    },
  };
}

export const gatewayDialect = dialect({
  list: "batches",
  cursorType: "String",
  orderBy: "{ field: CREATED_AT, direction: ASC }",
  batchFields: GATEWAY_BATCH,
  workOrder: "workOrder",
  queue: "queue",
  location: "location",
  cycles: "cycles",
  rawId: gatewayRawId,
});

export const postgraphileDialect = dialect({
  list: "allBatches",
  cursorType: "Cursor",
  orderBy: "[CREATED_AT_ASC, PRIMARY_KEY_ASC]",
  batchFields: POSTGRAPHILE_BATCH,
  workOrder: "workOrderByWorkOrderId",
  queue: "queueByQueueId",
  location: "locationByLocationId",
  cycles: "cyclesByBatchId",
  rawId: postgraphileRawId,
});

/** Global ids of a batch in each server's scheme. */
export const batchNodeId = {
  gateway: (id: number) => Buffer.from(`Batch:${id}`).toString("base64"),
  postgraphile: (id: number) => Buffer.from(JSON.stringify(["Batch", id])).toString("base64"),
};

/**
 * Q1 built up field by field, for the gateway's cost per request at each step: where its CPU
 * time goes, in the API's own terms (a profile names functions, this names fields).
 */
export function gatewayQ1BuildUp(): [string, string][] {
  const steps: [string, string][] = [
    ["50 batches: id", "id"],
    ["+ label, createdAt, status", "label createdAt currentStatus { status category }"],
    ["+ workOrder, queue { location }", "workOrder { id label dueDate } queue { id label location { id label } }"],
    ["+ cycleCounts", "cycleCounts { pending inProgress verifying complete blocked cancelled needed }"],
    ["+ cycles { totalCount }", "cycles(first: 10) { totalCount }"],
    [
      "+ the first 10 cycles (Q1 but the outer totalCount)",
      "cycles(first: 10) { totalCount edges { node { id label position currentStatus { status category } } } }",
    ],
  ];
  const query = (fields: string) =>
    `query BenchBuildUp($first: Int!) { batches(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { ${fields} } } } }`;
  let fields = "";
  const bodies: [string, string][] = [
    ["{ __typename } (what any request costs)", body("BenchTypename", "query BenchTypename { __typename }", {})],
  ];
  for (const [name, added] of steps) {
    // The cycles step replaces the previous one's cycles selection rather than adding a second.
    fields = added.startsWith("cycles(") ? `${fields.replace(/ cycles\(.*$/, "")} ${added}` : `${fields} ${added}`;
    bodies.push([`build-up: ${name}`, body("BenchBuildUp", query(fields.trim()), { first: 50 })]);
  }
  return bodies;
}
