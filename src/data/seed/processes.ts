// Process statuses of asynchronous retailer requests (shipments, offers, returns, ...).
import { DAY_MS, FUTURE, at, createdAt, hash, lit, run, weighted, type Sql } from "./sql.ts";

/** Generic process statuses; provisioning.ts adds one more per provisioning batch (20 per scale). */
export const PROCESSES_PER_SCALE = 280;
/** Statuses are spread over the days before seeding, inside the 7-day retention, so none has expired. */
const PROCESS_SPAN_MS = 6 * DAY_MS;
/** Each entity/event pair has this many process statuses, as when an offer is updated repeatedly. */
const PER_ENTITY = 3;

/** Event type → [description, error when it fails]; `%s` is the entity id. */
const EVENTS: Record<string, [string, string]> = {
  CREATE_SHIPMENT: ["Create shipment for order item %s.", "Order item %s has already been shipped."],
  CONFIRM_SHIPMENT: ["Confirm shipment for order item %s.", "Invalid transporter code."],
  CANCEL_ORDER_ITEM: ["Cancel order item %s.", "Order item %s is already cancelled."],
  CREATE_OFFER: ["Create offer with id %s.", "EAN is not known in the catalogue."],
  UPDATE_OFFER: ["Update offer with id %s.", "Offer %s not found."],
  UPDATE_OFFER_PRICE: ["Update price for offer with id %s.", "The price must be between 1.00 and 9999.99."],
  UPDATE_OFFER_STOCK: ["Update stock for offer with id %s.", "Stock amount exceeds the maximum of 999."],
  DELETE_OFFER: ["Delete offer with id %s.", "Offer %s not found."],
  HANDLE_RETURN: ["Handle return %s.", "Return %s has already been handled."],
  CREATE_REPLENISHMENT: ["Create replenishment %s.", "The delivery date is not available."],
  CREATE_TRANSPORT: ["Create transport %s.", "The transport label could not be created."],
  UPDATE_CAMPAIGN: ["Update campaign %s.", "Campaign %s has ended."],
};

function processes(scale: number): string {
  const count = PROCESSES_PER_SCALE * scale;
  const bucket = `(${hash("i", 71)} % 100)`;
  // Only the latest status of an entity/event pair may still be running.
  const status = `CASE WHEN i % ${PER_ENTITY} = 0 THEN ${weighted(bucket, [
    ["'SUCCESS'", 60],
    ["'FAILURE'", 15],
    ["'TIMEOUT'", 10],
    ["'PENDING'", 15],
  ])}
    ELSE ${weighted(bucket, [
      ["'SUCCESS'", 75],
      ["'FAILURE'", 15],
      ["'TIMEOUT'", 10],
    ])} END`;
  const events = `(VALUES ${Object.entries(EVENTS)
    .map(([type, [text, failure]], n) => `(${n + 1}, ${lit(type)}, ${lit(text)}, ${lit(failure)})`)
    .join(", ")}) AS e (n, type, template, failure)`;
  const eventIndex = `${hash(`(i - 1) / ${PER_ENTITY}`, 72)} % ${Object.keys(EVENTS).length}`;
  const h = hash("i", 74);
  return `INSERT INTO process_status (id, entity_id, event_type, description, status, error_message, deadline_at, created_at, completed_at)
    SELECT p.i, p.entity, e.type, format(e.template, p.entity), p.status::process_state,
      CASE p.status WHEN 'FAILURE' THEN format(e.failure, p.entity) WHEN 'TIMEOUT' THEN 'The process did not finish before its deadline.' END,
      d.deadline, p.c,
      CASE p.status WHEN 'PENDING' THEN NULL WHEN 'TIMEOUT' THEN d.deadline ELSE p.c + (1 + ${h} % 600) * interval '1 second' END
    FROM (SELECT i, ${createdAt("i", count, 73, PROCESS_SPAN_MS)} AS c, ${status} AS status,
            (900000000 + ${hash(`(i - 1) / ${PER_ENTITY}`, 75)} % 99999999)::text AS entity,
            ${eventIndex} + 1 AS event
          FROM generate_series(1, ${count}) i) p
    -- Most running processes have a deadline after FUTURE so they stay PENDING; one in five is overdue, for the timeout sweep.
    CROSS JOIN LATERAL (SELECT CASE WHEN p.status = 'PENDING' AND p.i % 5 <> 0 THEN ${at("p.i::bigint * 60000", FUTURE)}
      ELSE p.c + interval '15 minutes' END AS deadline) d
    JOIN ${events} ON e.n = p.event`;
}

export async function seedProcesses(sql: Sql, scale: number): Promise<void> {
  await run(sql, [processes(scale)]);
}
