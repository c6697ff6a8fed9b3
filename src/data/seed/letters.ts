// Letter batches of the print supplier, their letters, and each letter's status history.
import { createdAt, hash, lit, run, textArray, weighted, type Sql } from "./sql.ts";

export const LETTER_BATCHES_PER_SCALE = 20;
export const LETTERS_PER_BATCH = 25;
const STEP_HOURS = 6;

/** The statuses a letter passes through to reach each status; history rows replay this path. */
const PATHS: Record<string, string[]> = {
  PENDING: ["PENDING"],
  ACCEPTED: ["PENDING", "ACCEPTED"],
  REJECTED: ["PENDING", "REJECTED"],
  PRINTED: ["PENDING", "ACCEPTED", "PRINTED"],
  CANCELLED: ["PENDING", "ACCEPTED", "CANCELLED"],
  FAILED: ["PENDING", "ACCEPTED", "PRINTED", "FAILED"],
  ENCLOSED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED"],
  DISPATCHED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED"],
  DELIVERED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED", "DELIVERED"],
  FORWARDED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED", "FORWARDED"],
  RETURNED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED", "RETURNED"],
  DESTROYED: ["PENDING", "ACCEPTED", "PRINTED", "ENCLOSED", "DISPATCHED", "RETURNED", "DESTROYED"],
};

const REASONS: Record<string, [string, string]> = {
  REJECTED: ["R07", "Address failed validation"],
  CANCELLED: ["C01", "Cancelled by the sender"],
  FAILED: ["F02", "Print quality check failed"],
  RETURNED: ["RTS", "Addressee has gone away"],
  DESTROYED: ["D01", "Returned letter destroyed after the retention period"],
};

/** One letter in five has moved on from (or fallen out of) its batch's status. */
const DEVIATIONS: Record<string, string[]> = {
  ACCEPTED: ["CANCELLED"],
  PRINTED: ["FAILED", "ENCLOSED"],
  DISPATCHED: ["DELIVERED", "RETURNED", "FORWARDED"],
  DELIVERED: ["RETURNED", "FORWARDED", "DESTROYED"],
};

const CTES = `WITH path (status, steps) AS (VALUES ${Object.entries(PATHS)
  .map(([status, steps]) => `(${lit(status)}, ${textArray(steps)})`)
  .join(", ")}),
  reason (status, code, text) AS (VALUES ${Object.entries(REASONS)
    .map(([status, [code, text]]) => `(${lit(status)}, ${lit(code)}, ${lit(text)})`)
    .join(", ")}),
  deviation (status, statuses) AS (VALUES ${Object.entries(DEVIATIONS)
    .map(([status, statuses]) => `(${lit(status)}, ${textArray(statuses)})`)
    .join(", ")})`;

function letterBatches(scale: number): string {
  const count = LETTER_BATCHES_PER_SCALE * scale;
  const status = weighted(`(${hash("i", 61)} % 100)`, [
    ["'DELIVERED'", 25],
    ["'DISPATCHED'", 20],
    ["'PENDING'", 12],
    ["'ACCEPTED'", 12],
    ["'PRINTED'", 10],
    ["'ENCLOSED'", 6],
    ["'REJECTED'", 6],
    ["'CANCELLED'", 5],
    ["'FAILED'", 4],
  ]);
  return `${CTES}
    INSERT INTO letter_batch (id, specification_id, group_id, status, reason_code, reason_text, created_at, updated_at)
    SELECT b.i, (${textArray(["standard-a4-c5", "large-print-a4", "braille-a4", "economy-a4-dl"])})[1 + b.h % 4],
      CASE WHEN b.h % 4 <> 0 THEN 'campaign-' || lpad((b.h % 40 + 1)::text, 3, '0') END,
      b.status::letter_status, reason.code, reason.text,
      b.c, b.c + (cardinality(path.steps) - 1) * interval '${STEP_HOURS} hours'
    FROM (SELECT i, ${hash("i", 62)} AS h, ${status} AS status, ${createdAt("i", count, 63)} AS c
          FROM generate_series(1, ${count}) i) b
    JOIN path ON path.status = b.status LEFT JOIN reason ON reason.status = b.status`;
}

function letters(): string {
  const h = hash(`(lb.id - 1) * ${LETTERS_PER_BATCH} + n`, 64);
  return `${CTES}
    INSERT INTO letter (id, batch_id, status, reason_code, reason_text, created_at, updated_at)
    SELECT l.id, l.batch_id, l.status::letter_status, reason.code, reason.text,
      l.c, l.c + (cardinality(path.steps) - 1) * interval '${STEP_HOURS} hours'
    FROM (SELECT (lb.id - 1) * ${LETTERS_PER_BATCH} + n AS id, lb.id AS batch_id, lb.created_at + n * interval '1 second' AS c,
            CASE WHEN ${h} % 100 < 80 OR deviation.statuses IS NULL THEN lb.status::text
              ELSE deviation.statuses[1 + ${h} % cardinality(deviation.statuses)] END AS status
          FROM letter_batch lb CROSS JOIN generate_series(1, ${LETTERS_PER_BATCH}) n
          LEFT JOIN deviation ON deviation.status = lb.status::text) l
    JOIN path ON path.status = l.status LEFT JOIN reason ON reason.status = l.status`;
}

/** The reason is recorded on the change that entered the status it explains. */
function history(): string {
  return `${CTES}
    INSERT INTO letter_status_change (id, letter_id, status, reason_code, reason_text, created_at)
    SELECT row_number() OVER (ORDER BY l.id, s.k), l.id, s.status::letter_status,
      CASE WHEN s.k = cardinality(path.steps) THEN l.reason_code END,
      CASE WHEN s.k = cardinality(path.steps) THEN l.reason_text END,
      l.created_at + (s.k - 1) * interval '${STEP_HOURS} hours'
    FROM letter l JOIN path ON path.status = l.status::text
    CROSS JOIN LATERAL unnest(path.steps) WITH ORDINALITY s (status, k)`;
}

export async function seedLetters(sql: Sql, scale: number): Promise<void> {
  await run(sql, [letterBatches(scale), letters(), history()]);
}
