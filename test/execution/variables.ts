// Variables for every operation of the suite and the sample client, against the demo data
// seeded at scale 1 (src/data/seed): ids of rows that exist, in the states each operation needs.
// Operations whose variables are all optional run with none as well; one with a required
// variable and no entry here fails the executors test, naming it.
import { prisma } from "../../src/data/db.ts";
import { encodeGlobalId as id } from "../../src/graphql/ids.ts";

type Variables = Record<string, unknown>;

export interface World {
  scheduledMessages: number[];
  pendingLetterBatch: number;
  relationOfBatch1: number;
  techOfBatch1: number;
  userNotOnBatch1: number;
  entity: { entityId: string; eventType: string };
  subscription: { msisdn: string; iccid: string };
  soon: { from: string; to: string };
}

const one = async <T>(sql: string): Promise<T> => (await prisma.$queryRawUnsafe<T[]>(sql))[0]!;

export async function worldFacts(now: Date): Promise<World> {
  const scheduled = await prisma.$queryRawUnsafe<{ id: number }[]>(
    "SELECT id FROM message WHERE status = 'SCHEDULED' ORDER BY id LIMIT 3",
  );
  return {
    scheduledMessages: scheduled.map((row) => row.id),
    pendingLetterBatch: (
      await one<{ id: number }>("SELECT id FROM letter_batch WHERE status = 'PENDING' ORDER BY id LIMIT 1")
    ).id,
    relationOfBatch1: (
      await one<{ id: number }>("SELECT id FROM batch_relation WHERE batch_id = 1 ORDER BY id LIMIT 1")
    ).id,
    techOfBatch1: (
      await one<{ id: number }>("SELECT user_id AS id FROM batch_tech WHERE batch_id = 1 ORDER BY user_id LIMIT 1")
    ).id,
    userNotOnBatch1: (
      await one<{ id: number }>(
        "SELECT id FROM app_user WHERE id NOT IN (SELECT user_id FROM batch_tech WHERE batch_id = 1) " +
          "ORDER BY id LIMIT 1",
      )
    ).id,
    entity: await one<{ entityId: string; eventType: string }>(
      'SELECT entity_id AS "entityId", event_type AS "eventType" FROM process_status WHERE id = 3',
    ),
    subscription: await one<{ msisdn: string; iccid: string }>("SELECT msisdn, iccid FROM subscription WHERE id = 1"),
    soon: {
      from: new Date(now.getTime() - 14 * 86_400_000).toISOString(),
      to: new Date(now.getTime() + 7 * 86_400_000).toISOString(),
    },
  };
}

const page = (extra: Variables = {}): Variables[] => [
  { first: 5, ...extra },
  { last: 3, ...extra },
];
const newBatch = { queueId: id("Queue", 1), workOrderId: id("WorkOrder", 1), label: "Executors", numberCycles: 3 };

/** Variable sets per operation name; each set runs once through each executor. */
export function variablesFor(w: World): Record<string, Variables[]> {
  return {
    BatchesPage: [
      ...page(),
      {
        first: 5,
        filter: { statusCategories: ["IN_PROGRESS", "BLOCKED"], labelContains: "Box" },
        orderBy: { field: "DUE_DATE", direction: "DESC" },
      },
      { first: 4, filter: { dueFrom: w.soon.from, dueTo: w.soon.to }, orderBy: { field: "LABEL" } },
    ],
    BatchesWithRelations: [{ first: 5 }],
    BatchById: [{ id: id("Batch", 1) }, { id: id("Batch", 999_999) }, { id: id("Cycle", 1) }],
    NodeById: [
      "Batch",
      "Cycle",
      "WorkOrder",
      "Queue",
      "Location",
      "LetterBatch",
      "Letter",
      "Message",
      "ProcessStatus",
      "ProvisioningBatch",
      "MobileSubscription",
    ].map((type) => ({ id: id(type, 1) })),
    NodesByIds: [
      { ids: [id("Batch", 2), id("Cycle", 5), id("Batch", 999_999), id("LetterBatch", 3), id("ProvisioningEvent", 1)] },
    ],
    FrontendBatchList: [{}, { filter: { queueIds: [id("Queue", 2)] } }],
    FrontendBatchCount: [{ filter: { workOrderIds: [id("WorkOrder", 3)] } }],
    FrontendCreateBatch: [{ input: newBatch }],
    FrontendRenameBatch: [{ input: { id: id("Batch", 2), label: "Renamed" } }],
    LetterBatchesPage: [...page(), { first: 5, filter: { status: "DELIVERED" } }],
    LetterBatchesWithLetters: [{ first: 3, letters: 2 }],
    LetterBatchById: [{ id: id("LetterBatch", 1), first: 3 }],
    UpdateLetterBatchStatus: [
      { input: { id: id("LetterBatch", w.pendingLetterBatch), status: "ACCEPTED", reasonCode: "OK-1" } },
      { input: { id: id("LetterBatch", w.pendingLetterBatch), status: "PENDING" } },
    ],
    MessagesPage: [...page(), { first: 5, filter: { status: ["FAILED", "SCHEDULED"] } }],
    MessagesByIds: [{ ids: [3, 1, 2, 999_999] }],
    SendMessages: [{ input: { messages: [{ recipient: "+48500100200", sender: "Sklep24", text: "Zażółć jaźń 🚚" }] } }],
    CancelScheduledMessages: [{ input: { ids: [...w.scheduledMessages, 1] } }],
    PlatformBatchLabel: [{ id: id("Batch", 3) }],
    ProcessStatusById: [{ id: id("ProcessStatus", 3) }, { id: id("ProcessStatus", 999_999) }],
    ProcessStatusesByIds: [
      { ids: [id("ProcessStatus", 5), id("ProcessStatus", 1), id("ProcessStatus", 5), id("ProcessStatus", 301)] },
    ],
    ProcessStatusesByEntity: [{ ...w.entity, first: 2 }],
    CreateBatch: [
      {
        input: {
          ...newBatch,
          order: "m",
          currentStatus: { status: "Queued Up", category: "PENDING", description: "Waiting" },
        },
      },
    ],
    CreateBatches: [
      { input: { queueId: id("Queue", 2), workOrderId: id("WorkOrder", 2), total: 3, numberCycles: 2, label: "Bulk" } },
    ],
    UpdateBatch: [
      { input: { id: id("Batch", 4), numberCycles: 5, order: "zz", expectedVersion: 1 } },
      { input: { id: id("Batch", 4), label: "" } },
    ],
    DeleteBatch: [{ input: { id: id("Batch", 5) } }, { input: { id: id("Batch", 5) } }],
    UpdateCycleStatus: [{ input: { id: id("Cycle", 7), status: { status: "Checking", category: "VERIFYING" } } }],
    SetCycleCategory: [{ input: { id: id("Cycle", 8), category: "BLOCKED" } }],
    AttachBatchRelation: [
      { input: { batchId: id("Batch", 6), relation: "shipment", entity: { entityType: "SHIPMENT", entityId: "S-1" } } },
    ],
    DetachBatchRelation: [{ input: { batchId: id("Batch", 1), relationId: id("BatchRelation", w.relationOfBatch1) } }],
    AssignTechs: [{ input: { batchId: id("Batch", 1), userIds: [id("User", w.userNotOnBatch1)] } }],
    DetachTechFromBatch: [{ input: { batchId: id("Batch", 1), techId: id("User", w.techOfBatch1) } }],
    BatchCycles: [{ id: id("Batch", 7) }],
    QueueBatchCount: [{ filter: { queueIds: [id("Queue", 1), id("Queue", 4)] } }],
    BatchesNested: [{ first: 3 }, { first: 2, filter: { statusCategories: ["COMPLETE"] } }],
    BatchCyclesPage: [
      { id: id("Batch", 8), first: 4 },
      { id: id("Batch", 8), last: 2, filter: { status: ["COMPLETE"] } },
    ],
    BatchDetails: [{ id: id("Batch", 1) }, { id: id("Batch", 2), relationFilter: { direction: "INWARD" } }],
    WorkOrderDetails: [{ id: id("WorkOrder", 1), batchesFirst: 3 }],
    WorkOrdersPage: [
      ...page(),
      { first: 5, filter: { dueFrom: w.soon.from }, orderBy: { field: "DUE_DATE", direction: "DESC" } },
    ],
    QueuesPage: [{ first: 5 }, { first: 5, filter: { isActive: true }, orderBy: { field: "PRIORITY" } }],
    QueueById: [{ id: id("Queue", 2) }],
    CyclesPage: [
      { first: 5 },
      { first: 5, filter: { batchIds: [id("Batch", 9)], statusCategories: ["COMPLETE", "PENDING"] } },
    ],
    CycleById: [{ id: id("Cycle", 11) }],
    BatchStatusSummary: ["LOCATION", "QUEUE", "WORK_ORDER"].map((groupBy) => ({ groupBy, first: 3 })),
    ProductionNodes: [{ ids: [id("Queue", 1), id("WorkOrder", 2), id("Location", 3), id("Cycle", 4)] }],
    BatchesCursors: [{ first: 3, orderBy: { field: "UPDATED_AT", direction: "DESC" } }],
    BatchesWithLinks: [{ first: 3 }],
    BatchesPreloaded: [{ first: 3 }],
    BatchesByIds: [{ ids: [id("Batch", 10), id("Batch", 11), id("Batch", 999_999)] }],
    SubmitProvisioningBatch: [
      {
        input: {
          type: "SINGLE",
          requests: [
            {
              requestId: "a",
              method: "PATCH",
              resource: `subscriptions/msisdn:${w.subscription.msisdn}`,
              body: { blocked: true },
            },
            { requestId: "b", method: "GET", resource: "subscriptions" },
          ],
        },
      },
    ],
    ProvisioningBatchById: [
      { id: id("ProvisioningBatch", 1) },
      { id: id("ProvisioningBatch", 2), status: ["COMPLETED", "FAILED"] },
    ],
    ProvisioningBatchesPage: [{ first: 5 }, { first: 5, filter: { status: ["COMPLETED"] } }],
    SubscriptionByNumber: [{ msisdn: w.subscription.msisdn }, { iccid: w.subscription.iccid }, {}],
    SubscriptionsPage: [{ first: 5 }],
    ProvisioningEvents: [
      { first: 5 },
      { first: 5, filter: { type: "ORDER_COMPLETED", batchId: id("ProvisioningBatch", 1) } },
    ],
    BatchBoard: [{}, { first: 5, filter: { statusCategories: ["PENDING"] } }],
    CreateBoardBatch: [{ input: { ...newBatch, label: "Board" } }],
    Outbox: [{}, { first: 3 }],
  };
}

/**
 * Shapes where executors have differed, beyond the suite's operations: variables inside literals
 * (of input objects, lists and the JSON scalar), list coercion of one value, omitted versus null
 * variables, defaults, @include/@skip, fragments on interfaces, aliases, errors inside lists.
 */
export interface Shape {
  name: string;
  text: string;
  variables: Variables;
  kind: "query" | "mutation";
  /**
   * The one known difference: when a failure in a non-null field nulls its parent, graphql-js
   * stops resolving the parent's other fields and reports only the failures so far; graphql-jit
   * resolves them all and reports each. The data is the same.
   */
  moreErrorsUnderNulledParent?: true;
}

export function shapes(w: World): Shape[] {
  const msisdn = `subscriptions/msisdn:${w.subscription.msisdn}`;
  return [
    {
      name: "json literal with variables",
      kind: "mutation",
      text: `mutation($b: Boolean!, $s: String) { submitProvisioningBatch(input: { requests: [
        { method: "PATCH", resource: "${msisdn}", body: { blocked: $b, note: [$s, 1, { deep: $s }] } }] }) {
        batch { requests { body status } } processStatus { status } } }`,
      variables: { b: true, s: "x" },
    },
    {
      name: "input literal mixing variables and constants",
      kind: "query",
      text: `query($c: StatusCategory!, $s: String, $n: Int = 4) {
        batches(first: $n, filter: { statusCategories: [$c, COMPLETE], labelContains: $s }) {
        totalCount edges { node { label currentStatus { category } } } } }`,
      variables: { c: "IN_PROGRESS" },
    },
    {
      name: "explicit null versus omitted",
      kind: "query",
      text: `query($s: String, $q: [ID!]) {
        a: batches(first: 2, filter: { labelContains: $s, queueIds: $q }) { totalCount }
        b: batches(first: 2, filter: { labelContains: null }) { totalCount } }`,
      variables: { s: null },
    },
    {
      name: "one value where a list is expected",
      kind: "query",
      text: `query($id: ID!) { nodes(ids: $id) { id } processStatuses(ids: [$id]) { id } }`,
      variables: { id: id("ProcessStatus", 2) },
    },
    {
      name: "include, skip, aliases, fragments on interfaces, typename",
      kind: "query",
      text: `query($yes: Boolean!, $no: Boolean = false, $ids: [ID!]!) { nodes(ids: $ids) { __typename id
        ... on Batch {
          first: label cycles(first: 2) @include(if: $yes) { totalCount } workOrder @skip(if: $yes) { id } }
        ... on Cycle { position batch @include(if: $no) { id } }
        ...Where } }
        fragment Where on Node { ... on Queue { label location { label } } }`,
      variables: { yes: true, ids: [id("Batch", 12), id("Cycle", 13), id("Queue", 3), id("Message", 4)] },
    },
    {
      name: "an error in a nullable field, then in a non-null one",
      kind: "query",
      text: `query { batch(id: "${id("Cycle", 1)}") { id } nodes(ids: ["${id("Batch", 1)}", "not-an-id"]) { id } }`,
      variables: {},
    },
    {
      name: "an error in a non-null field, then in a nullable one",
      kind: "query",
      text: `query { nodes(ids: ["${id("Batch", 1)}", "not-an-id"]) { id } batch(id: "${id("Cycle", 1)}") { id } }`,
      variables: {},
      moreErrorsUnderNulledParent: true,
    },
  ];
}
