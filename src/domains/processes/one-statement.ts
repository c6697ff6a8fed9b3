// A mutation whose change is one data-modifying statement (an UPDATE … RETURNING) is recorded in
// that same statement: a CTE makes the change and inserts its SUCCESS process status only when
// the change touched a row, so the two commit together or not at all, in one round trip instead
// of a transaction's four. A request carrying an X-Request-Id takes the transaction path
// (`recorded`), which also writes the field's idempotent outcome; a refusal (nothing changed)
// records its FAILURE as every mutation does.
import type { GraphQLError } from "graphql";
import { db } from "../../data/db.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ProcessStatus } from "../../generated/prisma/client.ts";
import { type Row, revive, wholeRow } from "../../data/planner/loaders.ts";
import type { Table } from "../../data/planner/table.ts";
import { hasOutcomeSlot } from "../../data/idempotency/outcomes.ts";
import { type Payload, type ProcessDescription, markRecorded, recordFailure, recorded } from "./recorder.ts";
import { processStatusTable } from "./tables.ts";

export interface OneStatementChange<Changed, Shape extends object> {
  /** The table the statement changes; its rows come back whole. */
  table: Table<Changed>;
  /** The data-modifying statement, `RETURNING *`. */
  statement: Prisma.Sql;
  /** The payload from the changed rows (none when it changed nothing). */
  result: (rows: Changed[]) => Shape;
  /** The error when it changed nothing (the row does not exist, or a condition did not hold). */
  refusal: () => Promise<GraphQLError> | GraphQLError;
}

/** Runs `change` with its process status in one statement (see the top of this file). */
export async function recordedChange<Changed, Shape extends object>(
  process: ProcessDescription<NoInfer<Shape>> & { entityId: string },
  change: OneStatementChange<Changed, Shape>,
): Promise<Payload<Shape>> {
  if (hasOutcomeSlot()) {
    return recorded(process, async (tx) => {
      const rows = await tx.$queryRaw<Row[]>(
        Prisma.sql`WITH changed AS (${change.statement}) SELECT ${wholeRow(change.table, "c")} FROM changed c`,
      );
      if (!rows.length) throw await change.refusal();
      return change.result(revive<Changed>(change.table, rows));
    });
  }
  let payload: Payload<Shape>;
  try {
    const [answer] = await db.query<{ rows: Row[]; status: Row | null }>(Prisma.sql`
      WITH changed AS (${change.statement}),
      status AS (
        INSERT INTO process_status (entity_id, event_type, description, status, completed_at)
        SELECT ${process.entityId}, ${process.eventType}, ${process.description ?? null}, 'SUCCESS', now()
        WHERE EXISTS (SELECT FROM changed)
        RETURNING *)
      SELECT (SELECT coalesce(json_agg(json_build_object(${fieldsOf(change.table, "c")})), '[]') FROM changed c) AS rows,
        (SELECT json_build_object(${fieldsOf(processStatusTable, "s")}) FROM status s) AS status`);
    if (!answer!.status) throw await change.refusal();
    const rows = revive<Changed>(change.table, answer!.rows);
    const [processStatus] = revive<ProcessStatus>(processStatusTable, [answer!.status]);
    payload = { ...change.result(rows), processStatus: processStatus! };
  } catch (error) {
    throw await recordFailure(process, error);
  }
  process.afterCommit?.(payload);
  return markRecorded(payload);
}

/** `'field', alias."column"` pairs of a whole row, timestamps as epoch milliseconds (see wholeRow). */
function fieldsOf(table: Table, alias: string): Prisma.Sql {
  return Prisma.raw(table.fields.map((field) => `'${field}', ${table.read(alias, field)}`).join(", "));
}
