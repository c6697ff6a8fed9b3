// Provisioning: subscriptions, batches of API requests, the orders they created, and the events they raised.
import { PROCESSES_PER_SCALE } from "./processes.ts";
import { DAY_MS, FUTURE, at, createdAt, hash, lit, pairedCount, pick, run, weighted, type Sql } from "./sql.ts";

export const PROVISIONING_BATCHES_PER_SCALE = 20;
export const REQUESTS_PER_BATCH = 10;
export const SUBSCRIPTIONS_PER_SCALE = 200;
/**
 * Batches are spread over the six days before seeding: inside the 60-day retention of batches
 * and the 7-day one of the process statuses that track them, so neither has expired.
 */
const BATCH_SPAN_MS = 6 * DAY_MS;
/** A MULTI batch runs this many consecutive requests against one iccid. */
const CHAIN = 3;

const SERVICES = [
  [],
  [{ serviceId: "Data1G", parameters: { limit: "100" } }],
  [
    { serviceId: "Data5G", parameters: { limit: "500" } },
    { serviceId: "VoiceMail", parameters: {} },
  ],
  [
    { serviceId: "Data1G", parameters: { limit: "100" } },
    { serviceId: "Roaming", parameters: { zone: "EU" } },
  ],
];

/** The request kinds of the source API; `%s` in the resource is the subscription's msisdn or iccid. */
const KINDS = [
  ["POST", "subscriptions", "CREATE_SUBSCRIPTION", null],
  ["PATCH", "subscriptions/msisdn:%s", "BLOCK_SUBSCRIPTION", { blocked: true }],
  ["PATCH", "subscriptions/iccid:%s", "CHANGE_STATE", { state: "SUSPENDED" }],
  ["POST", "subscriptions/msisdn:%s/services", "ASSIGN_SERVICE", { id: "Data1G", limit: "100" }],
  ["DELETE", "subscriptions/msisdn:%s/services", "WITHDRAW_SERVICE", { id: "Roaming" }],
  ["PATCH", "subscriptions/msisdn:%s/services", "MODIFY_SERVICE", { id: "Data1G", limit: "200" }],
] as const;

/** Numbers derive from the subscription id, so requests can name a subscription without joining it. */
const msisdn = (id: string) => `('4670' || lpad((8400000 + ${id})::text, 7, '0'))`;
const iccid = (id: string) => `('8946117771' || lpad((${id})::text, 10, '0'))`;

function subscriptions(scale: number): string {
  const count = SUBSCRIPTIONS_PER_SCALE * scale;
  return `INSERT INTO subscription (id, msisdn, iccid, state, blocked, services, created_at, updated_at)
    SELECT i, ${msisdn("i")}, ${iccid("i")},
      ${weighted(`(${hash("i", 91)} % 100)`, [
        ["'ACTIVE'", 80],
        ["'SUSPENDED'", 12],
        ["'TERMINATED'", 8],
      ])},
      ${hash("i", 92)} % 20 = 0, (${pick(
        hash("i", 93),
        SERVICES.map((s) => JSON.stringify(s)),
      )})::jsonb, c, c
    FROM generate_series(1, ${count}) i, LATERAL (SELECT ${createdAt("i", count, 94)} AS c) t`;
}

function batches(scale: number): string {
  const count = PROVISIONING_BATCHES_PER_SCALE * scale;
  const status = weighted(`(${hash("i", 101)} % 100)`, [
    ["'COMPLETED'", 50],
    ["'PARTIALLY_COMPLETED'", 20],
    ["'PROCESSING'", 20],
    ["'INITIALISING'", 10],
  ]);
  return `INSERT INTO provisioning_batch (id, type, status, process_status_id, created_at, updated_at, completed_at)
    SELECT i, (CASE WHEN ${hash("i", 102)} % 10 < 3 THEN 'MULTI' ELSE 'SINGLE' END)::provisioning_batch_type,
      status::provisioning_batch_status, ${PROCESSES_PER_SCALE * scale} + i, c, coalesce(done, c + interval '2 seconds'), done
    FROM (SELECT i, ${status} AS status, ${createdAt("i", count, 103, BATCH_SPAN_MS)} AS c
          FROM generate_series(1, ${count}) i) b,
      LATERAL (SELECT CASE WHEN status LIKE '%COMPLETED' THEN c + (5 + ${hash("i", 104)} % 115) * interval '1 minute' END AS done) d`;
}

/** The process status each batch submission returned, appended after the generic ones. */
function processStatuses(): string {
  return `INSERT INTO process_status (id, entity_id, event_type, description, status, error_message, deadline_at, created_at, completed_at)
    SELECT process_status_id, id::text, 'PROVISIONING_BATCH', 'Provisioning batch ' || id || '.',
      (CASE status WHEN 'COMPLETED' THEN 'SUCCESS' WHEN 'PARTIALLY_COMPLETED' THEN 'FAILURE' ELSE 'PENDING' END)::process_state,
      CASE WHEN status = 'PARTIALLY_COMPLETED' THEN 'At least one request was rejected, failed or canceled.' END,
      CASE WHEN completed_at IS NULL THEN ${at("id::bigint * 60000", FUTURE)} ELSE created_at + interval '1 day' END, created_at, completed_at
    FROM provisioning_batch`;
}

/**
 * Request status follows the batch: PROCESSING batches are part-way through each chain (a MULTI batch's
 * iccid, or a single request); PARTIALLY_COMPLETED ones have failures, only ever at the end of a chain.
 */
function requestsAndOrders(scale: number): string {
  const kinds = KINDS.map(
    ([method, resource, operation, body], k) =>
      `(${k}, ${lit(method)}, ${lit(resource)}, ${lit(operation)}, ${body ? `${lit(JSON.stringify(body))}::jsonb` : "NULL::jsonb"})`,
  );
  const multi = "b.type = 'MULTI'";
  const status = `CASE b.status WHEN 'INITIALISING' THEN 'APPROVED' WHEN 'COMPLETED' THEN 'COMPLETED'
    WHEN 'PROCESSING' THEN CASE WHEN x.j < x.q - 1 THEN 'COMPLETED' WHEN x.j = x.q - 1 THEN 'PROCESSING' ELSE 'APPROVED' END
    ELSE CASE WHEN x.last AND (x.h % 100 < 25 OR pos = CASE WHEN ${multi} THEN c.n - 1 ELSE 0 END)
      THEN ${pick("x.h", ["REJECTED", "FAILED", "CANCELED"])} ELSE 'COMPLETED' END END`;
  const orderStatus = `CASE g.status WHEN 'COMPLETED' THEN 'COMPLETED' WHEN 'CANCELED' THEN 'FAILED'
    WHEN 'PROCESSING' THEN CASE g.h % 5 WHEN 0 THEN 'FAILED' WHEN 1 THEN 'CREATED' ELSE 'EXECUTING' END END`;
  return `WITH kind (k, method, resource, operation, body) AS (VALUES ${kinds.join(", ")}),
    g AS (SELECT b.id AS batch_id, ${multi} AS multi, pos, b.created_at + pos * interval '100 milliseconds' AS created,
            x.subscription AS subscription_id, ${msisdn("x.subscription")} AS msisdn, ${iccid("x.subscription")} AS iccid,
            kind.*, x.h, ${status} AS status
          FROM provisioning_batch b
          CROSS JOIN LATERAL (SELECT ${pairedCount("b.id", REQUESTS_PER_BATCH, 3, 105)} AS n) c
          CROSS JOIN LATERAL generate_series(0, c.n - 1) pos
          CROSS JOIN LATERAL (SELECT CASE WHEN ${multi} THEN pos / ${CHAIN} ELSE pos END AS chain,
            CASE WHEN ${multi} THEN pos % ${CHAIN} ELSE 0 END AS j,
            NOT ${multi} OR pos % ${CHAIN} = ${CHAIN - 1} OR pos = c.n - 1 AS last, ${hash("b.id * 128 + pos", 106)} AS h) x0
          CROSS JOIN LATERAL (SELECT x0.*, ${hash("b.id * 128 + x0.chain", 107)} % 4 AS q,
            (${hash("b.id", 108)} + x0.chain) % ${SUBSCRIPTIONS_PER_SCALE * scale} + 1 AS subscription) x
          -- A MULTI chain creates its subscription, assigns a service, then modifies it.
          JOIN kind ON kind.k = CASE WHEN ${multi} THEN (ARRAY[0, 3, 5])[x.j + 1] ELSE x.h % ${KINDS.length} END),
    r AS (SELECT g.*, row_number() OVER w AS id, o.status AS order_status,
            CASE WHEN o.status IS NOT NULL THEN count(o.status) OVER w END AS order_id,
            CASE WHEN o.status IN ('COMPLETED', 'FAILED') THEN g.created + (2 + g.h % 200) * interval '1 second' END AS done
          FROM g CROSS JOIN LATERAL (SELECT ${orderStatus} AS status) o WINDOW w AS (ORDER BY g.batch_id, g.pos)),
    orders AS (INSERT INTO provisioning_order (id, subscription_id, operation, status, error, created_at, completed_at)
      SELECT order_id, subscription_id, operation, order_status::order_status,
        CASE WHEN order_status = 'FAILED' THEN 'Provisioning failed in the HLR' END, created + interval '1 second', done
      FROM r WHERE order_id IS NOT NULL)
    INSERT INTO provisioning_request (id, batch_id, position, request_id, method, resource, body, iccid, status, info,
      order_id, attempts, created_at, updated_at)
    SELECT id, batch_id, pos, (127000 + id)::text, method,
      format(resource, CASE WHEN resource LIKE '%iccid%' THEN iccid ELSE msisdn END),
      CASE WHEN k = 0 THEN jsonb_build_object('msisdn', msisdn, 'iccid', iccid) ELSE body END,
      CASE WHEN multi OR k IN (0, 2) THEN iccid END, status::provisioning_request_status,
      CASE status WHEN 'REJECTED' THEN 'Missing id parameter in body' WHEN 'FAILED' THEN 'Subscription not found'
        WHEN 'CANCELED' THEN 'Order execution failed, contact support for more information.' END,
      order_id, CASE WHEN order_id IS NULL THEN 0 ELSE 1 END, created, coalesce(done, created)
    FROM r`;
}

/** An order event for every finished order and a batch event for every finished batch, numbered in time order. */
function events(): string {
  return `INSERT INTO provisioning_event (id, type, batch_id, request_id, payload, created_at)
    SELECT row_number() OVER (ORDER BY e.created_at, e.batch_id, e.request_id NULLS FIRST), e.type::provisioning_event_type,
      e.batch_id, e.request_id, e.payload, e.created_at
    FROM (SELECT CASE o.status WHEN 'COMPLETED' THEN 'ORDER_COMPLETED' ELSE 'ORDER_FAILED' END AS type, r.batch_id, r.id AS request_id,
            jsonb_build_object('orderId', o.id, 'batchId', r.batch_id, 'requestId', r.request_id, 'status', o.status) AS payload,
            o.completed_at AS created_at
          FROM provisioning_request r JOIN provisioning_order o ON o.id = r.order_id WHERE o.completed_at IS NOT NULL
          UNION ALL
          SELECT 'BATCH_' || b.status, b.id, NULL, jsonb_build_object('batchId', b.id, 'status', b.status), b.completed_at
          FROM provisioning_batch b WHERE b.completed_at IS NOT NULL) e`;
}

export async function seedProvisioning(sql: Sql, scale: number): Promise<void> {
  await run(sql, [subscriptions(scale), batches(scale), processStatuses(), requestsAndOrders(scale), events()]);
}
