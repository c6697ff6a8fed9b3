// The floor's statements: each request is ONE SQL statement that builds the whole response,
// in the gateway's shape (global ids, ISO dates, cursors), as text PostgreSQL serializes itself.

const globalId = (type: string, column: string) => `encode(convert_to('${type}:' || ${column}, 'UTF8'), 'base64')`;
const isoDate = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// The gateway's cursor: base64url of ["createdAt:asc", iso, id] (padding and line breaks dropped).
const cursor = (row: string) =>
  `translate(encode(convert_to('["createdAt:asc","' || ${isoDate(`${row}.created_at`)} || '",' || ${row}.id || ']', 'UTF8'), 'base64'), E'+/=\\n', '-_')`;
const status = (row: string) => `json_build_object('status', ${row}.status_label, 'category', ${row}.status_category)`;

const CATEGORIES = ["PENDING", "IN_PROGRESS", "VERIFYING", "COMPLETE", "BLOCKED", "CANCELLED"];
const camel = (category: string) => category.toLowerCase().replace(/_(.)/g, (_, c: string) => c.toUpperCase());

/**
 * $1 page size; after a cursor also $2 its time and $3 its id. Two statements, not one with
 * "$2 IS NULL OR …": a generic plan of that could not use the (created_at, id) index.
 */
export const batchPage = (afterCursor: boolean) => `
WITH fetched AS (
  SELECT b.* FROM batch b
  ${afterCursor ? "WHERE (b.created_at, b.id) > ($2::timestamptz, $3::int)" : ""}
  ORDER BY b.created_at, b.id LIMIT $1::int + 1
), page AS (SELECT * FROM fetched ORDER BY created_at, id LIMIT $1::int),
edges AS (
  SELECT p.created_at, p.id, json_build_object('node', json_build_object(
    'id', ${globalId("Batch", "p.id")}, 'label', p.label, 'createdAt', ${isoDate("p.created_at")}, 'currentStatus', ${status("p")},
    'workOrder', json_build_object('id', ${globalId("WorkOrder", "wo.id")}, 'label', wo.label, 'dueDate', ${isoDate("wo.due_date")}),
    'queue', json_build_object('id', ${globalId("Queue", "q.id")}, 'label', q.label,
      'location', json_build_object('id', ${globalId("Location", "l.id")}, 'label', l.label)),
    'cycleCounts', json_build_object(${CATEGORIES.map((c) => `'${camel(c)}', cc.${c}`).join(", ")}, 'needed', p.number_cycles),
    'cycles', json_build_object('totalCount', cc.total, 'edges', coalesce(cy.edges, '[]'))
  )) AS edge
  FROM page p
  JOIN work_order wo ON wo.id = p.work_order_id
  JOIN queue q ON q.id = p.queue_id
  JOIN location l ON l.id = q.location_id
  CROSS JOIN LATERAL (
    SELECT ${CATEGORIES.map((c) => `count(*) FILTER (WHERE c.status_category = '${c}') AS ${c}`).join(", ")}, count(*) AS total
    FROM cycle c WHERE c.batch_id = p.id) cc
  CROSS JOIN LATERAL (
    SELECT json_agg(json_build_object('node', json_build_object('id', ${globalId("Cycle", "c.id")}, 'label', c.label,
      'position', c.position, 'currentStatus', ${status("c")})) ORDER BY c.id) AS edges
    FROM (SELECT * FROM cycle c WHERE c.batch_id = p.id ORDER BY c.id LIMIT 10) c) cy
)
SELECT json_build_object('data', json_build_object('batches', json_build_object(
  'totalCount', (SELECT count(*) FROM batch),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM fetched) > $1::int,
    'endCursor', (SELECT ${cursor("p")} FROM page p ORDER BY p.created_at DESC, p.id DESC LIMIT 1)),
  'edges', coalesce((SELECT json_agg(edge ORDER BY created_at, id) FROM edges), '[]'))))::text AS body`;

/** $1 batch id. */
export const BATCH_NODE = `
SELECT json_build_object('data', json_build_object('node', (
  SELECT json_build_object('id', ${globalId("Batch", "b.id")}, 'label', b.label,
    'workOrder', json_build_object('id', ${globalId("WorkOrder", "wo.id")}, 'label', wo.label))
  FROM batch b JOIN work_order wo ON wo.id = b.work_order_id WHERE b.id = $1::int)))::text AS body`;
