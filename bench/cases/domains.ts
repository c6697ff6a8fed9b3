// Letters, provisioning, messages and process statuses: a list rooted in each domain, and the
// bulk lookups (nodes(ids:) of 50 batches, processStatuses(ids:) of 1000).
import { type BenchCase, type CaseContext, body, globalId } from "./types.ts";

const PEERS: BenchCase["servers"] = ["postgraphile", "gateway"];
const pg = (context: CaseContext) => context.server === "postgraphile";

/** letter batches (page) → letters (5) → statusHistory, newest batches first. */
function letters(context: CaseContext, page: number): string {
  if (pg(context)) {
    return body(
      "BenchLetters",
      `query BenchLetters($page: Int!) {
      allLetterBatches(first: $page, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { totalCount edges { node { id status specificationId
        lettersByBatchId(first: 5, orderBy: PRIMARY_KEY_ASC) { totalCount edges { node { id status
          letterStatusChangesByLetterId(orderBy: [CREATED_AT_ASC, PRIMARY_KEY_ASC]) { nodes { status createdAt } } } } } } } } }`,
      { page },
    );
  }
  return body(
    "BenchLetters",
    `query BenchLetters($page: Int!) {
    letterBatches(first: $page) { totalCount edges { node { id status specificationId
      letters(first: 5) { totalCount edges { node { id status statusHistory { status changedAt } } } } } } } }`,
    { page },
  );
}

/** provisioning batches (page) → their requests, newest batches first. */
function provisioning(context: CaseContext, page: number): string {
  if (pg(context)) {
    return body(
      "BenchProvisioning",
      `query BenchProvisioning($page: Int!) {
      allProvisioningBatches(first: $page, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { totalCount edges { node { id type status
        provisioningRequestsByBatchId(orderBy: [POSITION_ASC, PRIMARY_KEY_ASC]) { nodes { id position method resource status } } } } } }`,
      { page },
    );
  }
  return body(
    "BenchProvisioning",
    `query BenchProvisioning($page: Int!) {
    provisioningBatches(first: $page) { totalCount edges { node { id type status
      requests { id position method resource status } } } } }`,
    { page },
  );
}

/** The message history, newest first (the gateway's pages stop at 50, the source API's limit). */
function messages(context: CaseContext, page: number): string {
  const fields = "id recipient sender status scheduledAt sentAt";
  if (pg(context)) {
    return body(
      "BenchMessages",
      `query BenchMessages($page: Int!) {
      allMessages(first: $page, orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { totalCount edges { node { ${fields} } } } }`,
      { page },
    );
  }
  return body(
    "BenchMessages",
    `query BenchMessages($page: Int!) {
    messages(first: $page) { totalCount edges { node { ${fields} } } } }`,
    { page },
  );
}

/** The process statuses of one entity and event type (the seed gives each entity one to three). */
async function statusesByEntity(context: CaseContext, page: number): Promise<string> {
  // Any entity will do, as long as both servers are asked about the same one: the first by id.
  const entityId = "1";
  const eventType = "PROVISIONING_BATCH";
  if (pg(context)) {
    return body(
      "BenchStatuses",
      `query BenchStatuses($page: Int!, $entityId: String!, $eventType: String!) {
      allProcessStatuses(first: $page, condition: { entityId: $entityId, eventType: $eventType },
        orderBy: [CREATED_AT_DESC, PRIMARY_KEY_DESC]) { totalCount edges { node { id status description createdAt completedAt } } } }`,
      { page, entityId, eventType },
    );
  }
  return body(
    "BenchStatuses",
    `query BenchStatuses($page: Int!, $entityId: String!, $eventType: String!) {
    processStatusesByEntity(first: $page, entityId: $entityId, eventType: $eventType) {
      totalCount edges { node { id status description createdAt completedAt } } } }`,
    { page, entityId, eventType },
  );
}

/** `count` row ids spread evenly over a table of `rows`, ascending (so both servers' orders agree). */
function spread(rows: number, count: number): number[] {
  const step = Math.max(1, Math.floor(rows / count));
  return Array.from({ length: Math.min(count, rows) }, (_, i) => 1 + i * step);
}

/** nodes(ids:) of 50 batches; PostGraphile has no nodes(ids:), its user filters the list by id. */
function batchNodes(context: CaseContext): string {
  const ids = spread(context.rows.batch ?? 0, 50);
  if (pg(context)) {
    return body(
      "BenchNodes",
      `query BenchNodes($ids: [Int!]!) {
      allBatches(filter: { rowId: { in: $ids } }, orderBy: PRIMARY_KEY_ASC) { nodes { id label workOrderByWorkOrderId { id label } } } }`,
      { ids },
    );
  }
  return body(
    "BenchNodes",
    `query BenchNodes($ids: [ID!]!) {
    nodes(ids: $ids) { ... on Batch { id label workOrder { id label } } } }`,
    { ids: ids.map((id) => globalId("gateway", "Batch", id)) },
  );
}

/** processStatuses(ids:) of 1000, as a client polling its submissions would. */
function statusLookup(context: CaseContext): string {
  const ids = spread(context.rows.process_status ?? 0, 1000);
  const fields = "id status eventType entityId completedAt";
  if (pg(context)) {
    return body(
      "BenchStatusLookup",
      `query BenchStatusLookup($ids: [Int!]!) {
      allProcessStatuses(filter: { rowId: { in: $ids } }, orderBy: PRIMARY_KEY_ASC) { nodes { ${fields} } } }`,
      { ids },
    );
  }
  return body(
    "BenchStatusLookup",
    `query BenchStatusLookup($ids: [ID!]!) { processStatuses(ids: $ids) { ${fields} } }`,
    { ids: ids.map((id) => globalId("gateway", "ProcessStatus", id)) },
  );
}

const read = (name: string, description: string, paged: boolean, request: BenchCase["request"]): BenchCase => ({
  name,
  description,
  kind: "read",
  paged,
  servers: PEERS,
  request,
});

export const domainCases: BenchCase[] = [
  read("letters", "letterBatches(page) → letters(5) → statusHistory", true, letters),
  read("provisioning", "provisioningBatches(page) → requests", true, provisioning),
  read("messages", "messages(page), newest first", true, messages),
  read("statuses", "processStatusesByEntity(page) of one entity", true, statusesByEntity),
  read("nodes-50", "nodes(ids:) of 50 batches (PostGraphile: allBatches filtered by id)", false, batchNodes),
  read(
    "statuses-1000",
    "processStatuses(ids:) of 1000 (PostGraphile: allProcessStatuses filtered by id)",
    false,
    statusLookup,
  ),
];
