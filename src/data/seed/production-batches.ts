// Production batches and everything hanging off them: cycles, assigned techs and relations.
import { LETTER_BATCHES_PER_SCALE } from "./letters.ts";
import { LOCATIONS, QUEUES, STATUSES, USERS, WORK_ORDERS_PER_SCALE } from "./production.ts";
import { PROVISIONING_BATCHES_PER_SCALE } from "./provisioning.ts";
import { hash, lit, pairedCount, run, weighted, type Sql } from "./sql.ts";

export const BATCHES_PER_SCALE = 100;
export const CYCLES_PER_BATCH = 20;
const BATCHES_PER_WORK_ORDER = BATCHES_PER_SCALE / WORK_ORDERS_PER_SCALE;

/** Status definitions as a CTE, so rows pick up label, description and order by category. */
const STATUS_CTE = `WITH st (category, label, description, ord) AS (VALUES ${STATUSES.map(
  (s) => `(${lit(s.category)}, ${lit(s.status)}, ${lit(s.description)}, ${s.order})`,
).join(", ")})`;

/** 1–5 technicians per batch (mean 3); users step by 7, coprime with USERS, so a batch's techs are distinct. */
const techCount = (batch: string) => `(1 + ${hash(batch, 31)} % 5)`;
const techUser = (batch: string, j: string) => `((${hash(batch, 32)} + (${j}) * 7) % ${USERS} + 1)`;

function batches(scale: number): string {
  const count = BATCHES_PER_SCALE * scale;
  const category = weighted(`(${hash("i", 33)} % 100)`, [
    ["'COMPLETE'", 35],
    ["'IN_PROGRESS'", 20],
    ["'PENDING'", 18],
    ["'VERIFYING'", 10],
    ["'BLOCKED'", 9],
    ["'CANCELLED'", 8],
  ]);
  // A batch is processed in one of the queues of its work order's location.
  const queue = `wo.location_id + ${LOCATIONS} * (b.h % ((${QUEUES} - wo.location_id) / ${LOCATIONS} + 1))`;
  return `${STATUS_CTE}
    INSERT INTO batch (id, label, "order", number_cycles, status_label, status_category, status_description,
      status_order, due_date, version, queue_id, work_order_id, location_id, created_at, updated_at)
    SELECT b.i, wo.label || ' / Box ' || lpad(b.k::text, 2, '0'), chr((97 + b.h % 26)::int) || chr((97 + b.h / 26 % 26)::int),
      ${pairedCount("b.i", CYCLES_PER_BATCH, 2, 34)}, st.label, st.category::status_category, st.description, st.ord,
      wo.due_date, CASE WHEN b.category = 'PENDING' THEN 1 ELSE 2 + b.h % 4 END, ${queue}, wo.id, wo.location_id,
      t.c, CASE WHEN b.category = 'PENDING' THEN t.c ELSE t.c + (1 + b.h % 240) * interval '1 hour' END
    FROM (SELECT i, (i - 1) / ${BATCHES_PER_WORK_ORDER} + 1 AS w, (i - 1) % ${BATCHES_PER_WORK_ORDER} + 1 AS k,
            ${hash("i", 35)} AS h, ${category} AS category
          FROM generate_series(1, ${count}) i) b
    JOIN work_order wo ON wo.id = b.w
    JOIN st ON st.category = b.category
    CROSS JOIN LATERAL (SELECT wo.created_at + b.k * interval '3 hours' + b.h % 10800000 * interval '1 millisecond' AS c) t`;
}

/**
 * Cycles follow their batch: the first `p` are complete, the ones after depend on the batch's category
 * (in progress: a verifying cycle then a few in progress; blocked: one blocked; cancelled: the rest cancelled).
 */
function cycles(): string {
  const p = `CASE b.status_category WHEN 'VERIFYING' THEN b.number_cycles - 1 - ${hash("b.id", 41)} % 3
    ELSE ${hash("b.id", 41)} % b.number_cycles END`;
  const category = `CASE
    WHEN b.status_category IN ('PENDING', 'COMPLETE') THEN b.status_category::text
    WHEN pos <= x.p THEN 'COMPLETE'
    WHEN b.status_category = 'VERIFYING' THEN 'VERIFYING'
    WHEN b.status_category = 'CANCELLED' THEN 'CANCELLED'
    WHEN b.status_category = 'BLOCKED' THEN CASE WHEN pos = x.p + 1 THEN 'BLOCKED' ELSE 'PENDING' END
    WHEN pos = x.p + 1 THEN 'VERIFYING' WHEN pos <= x.p + 3 THEN 'IN_PROGRESS' ELSE 'PENDING' END`;
  const h = hash("c.batch_id * 64 + c.pos", 42);
  return `${STATUS_CTE}
    INSERT INTO cycle (id, label, position, status_label, status_category, status_description, status_order,
      is_retry, batch_id, work_order_id, location_id, assigned_user_id, created_at, updated_at)
    SELECT row_number() OVER (ORDER BY c.batch_id, c.pos), c.label || ' #' || lpad(c.pos::text, 2, '0'), c.pos,
      st.label, st.category::status_category, st.description, st.ord,
      st.category NOT IN ('PENDING', 'CANCELLED') AND ${h} % 40 = 0, c.batch_id, c.work_order_id, c.location_id,
      CASE WHEN st.category <> 'PENDING' THEN ${techUser("c.batch_id", `c.pos % ${techCount("c.batch_id")}`)} END,
      c.created, CASE WHEN st.category = 'PENDING' THEN c.created ELSE c.created + (1 + ${h} % 4320) * interval '1 minute' END
    FROM (SELECT b.id AS batch_id, b.label, b.work_order_id, b.location_id, pos,
            b.created_at + pos * interval '5 minutes' AS created, ${category} AS category
          FROM batch b, generate_series(1, b.number_cycles) pos, LATERAL (SELECT ${p} AS p) x) c
    JOIN st ON st.category = c.category`;
}

function techs(): string {
  return `INSERT INTO batch_tech (batch_id, user_id, assigned_at)
    SELECT b.id, ${techUser("b.id", "j")}, b.created_at + j * interval '2 hours'
    FROM batch b, generate_series(0, ${techCount("b.id")} - 1) j`;
}

/**
 * Every batch records its creator; three in four also link out to a shipment, a letter batch or a provisioning batch.
 */
function relations(scale: number): string {
  const h = hash("b.id", 51);
  return `INSERT INTO batch_relation (id, batch_id, relation, direction, entity_type, entity_id, created_at)
    SELECT row_number() OVER (ORDER BY b.id, r.kind), b.id, r.relation, r.direction::relation_direction,
      r.entity_type, r.entity_id, b.created_at + r.kind * interval '1 hour'
    FROM batch b CROSS JOIN LATERAL (VALUES
      (0, 'created', 'INWARD', 'USER', ${techUser("b.id", "0")}::text),
      (1, 'ships_as', 'OUTWARD', 'SHIPMENT', 'SHP-' || lpad((${h} % 1000000)::text, 6, '0')),
      (2, 'notifies_with', 'OUTWARD', 'LETTER_BATCH', (${h} % ${LETTER_BATCHES_PER_SCALE * scale} + 1)::text),
      (3, 'provisions_with', 'OUTWARD', 'PROVISIONING_BATCH', (${h} % ${PROVISIONING_BATCHES_PER_SCALE * scale} + 1)::text)
    ) r (kind, relation, direction, entity_type, entity_id)
    WHERE r.kind = 0 OR r.kind = b.id % 4`;
}

export async function seedProductionBatches(sql: Sql, scale: number): Promise<void> {
  await run(sql, [batches(scale), cycles(), techs(), relations(scale)]);
}
