// Faults injected from outside the code under test: a trigger, created by the test in its own
// database, makes a chosen write raise, so a mutation can be failed half-way with no hook in
// src/. The same SQL runs on PostgreSQL and PGlite (both have PL/pgSQL).
import { afterEach } from "vitest";
import { prisma } from "../src/data/db.ts";

export interface WriteFault {
  /** The table whose writes fail. */
  table: string;
  on: "INSERT" | "UPDATE" | "DELETE";
  /** A condition over NEW (or OLD for DELETE): only matching rows fail, so other tests' rows are untouched. */
  when: string;
}

const active = new Set<string>();
let made = 0;

/** The message of the exception the trigger raises (never shown to a client: it is masked). */
export const FAULT_MESSAGE = "injected fault";

/** Makes every matching write raise until `removeFaults` (called after each test of a file that imports this). */
export async function failWrites({ table, on, when }: WriteFault): Promise<void> {
  const name = `test_fault_${process.pid}_${++made}`;
  await prisma.$executeRawUnsafe(
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION '${FAULT_MESSAGE} on % of %', TG_OP, TG_TABLE_NAME; END $$`,
  );
  await prisma.$executeRawUnsafe(
    `CREATE TRIGGER ${name} BEFORE ${on} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`,
  );
  active.add(`${name} ON ${table}`);
}

/** Drops every trigger `failWrites` made. */
export async function removeFaults(): Promise<void> {
  for (const trigger of active) {
    const [name] = trigger.split(" ");
    await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${trigger}`);
    await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
  }
  active.clear();
}

afterEach(removeFaults);

/**
 * How many values the table's id sequence has handed out. Sequences are not transactional, so a
 * rolled-back INSERT still moves it on: the proof that a write happened before the fault.
 */
export async function idsUsed(table: string): Promise<number> {
  const [row] = await prisma.$queryRawUnsafe<{ last: bigint; called: boolean }[]>(
    `SELECT last_value AS last, is_called AS called FROM ${table}_id_seq`,
  );
  return Number(row!.last) - (row!.called ? 0 : 1);
}
