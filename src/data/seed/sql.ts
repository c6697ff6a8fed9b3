// SQL fragments shared by the domain seeders. Every value is a pure function of row numbers
// and the scale, so the same scale always yields the same rows on PostgreSQL and PGlite alike.
import type { PrismaClient } from "../../generated/prisma/client.ts";

/** What a seeder needs from the client: the interactive-transaction client satisfies it. */
export type Sql = Pick<PrismaClient, "$executeRawUnsafe">;

/**
 * Seeded time is relative to the instant of seeding (SeedOptions.now, `npm run seed -- --now`),
 * which the seed's transaction holds in the setting `seed.now`: demo data always looks recent
 * (process statuses within their retention, work orders due this week, failures yesterday), and
 * seeding with the same `now` reproduces every row exactly. Never the database's now().
 */
export const EPOCH = "current_setting('seed.now')::timestamptz";
/** Scheduled work lies a week or more after the seeding instant. */
export const FUTURE = `(${EPOCH} + interval '7 days')`;
export const DAY_MS = 86_400_000;
/** History spans the six months before EPOCH. */
export const SPAN_MS = 180 * DAY_MS;

/** The statement that sets the seeding instant for the rest of the transaction. */
export function setSeedTime(now: Date): string {
  return `SELECT set_config('seed.now', ${lit(now.toISOString())}, true)`;
}

/**
 * A well-mixed 32-bit hash of an integer expression (multiply, xor-shift, multiply, xor-shift).
 * Plain `id % n` would make neighbouring rows march through values in lockstep; this does not.
 * Constants keep every product below 2^63; the parentheses matter because PostgreSQL gives
 * `&`, `#` and `>>` one shared precedence, lower than `*`.
 */
export function hash(expr: string, salt: number): string {
  const a = `((((${expr})::bigint + ${salt * 7919}) * 2654435761) & 4294967295)`;
  const b = `(((${a} # (${a} >> 15)) * 73244475) & 4294967295)`;
  return `(${b} # (${b} >> 13))`;
}

/**
 * A timestamptz `ms` milliseconds after `base` (a timestamptz expression); `ms` is a bigint-safe
 * integer expression.
 */
export function at(ms: string, base = EPOCH): string {
  return `(${base} + (${ms}) * interval '1 millisecond')`;
}

/** A timestamptz `days` days after EPOCH (negative: before). */
export function day(days: string): string {
  return `(${EPOCH} + (${days}) * interval '1 day')`;
}

/**
 * The creation time of row `i` of `count`, spread evenly over `spanMs` (six months unless given)
 * before EPOCH, with jitter of up to two slots so time order mostly but not exactly follows id
 * order (lists by created_at differ from lists by id). The two extra slots keep the jittered last
 * row before EPOCH.
 */
export function createdAt(i: string, count: number, salt: number, spanMs = SPAN_MS): string {
  const slot = Math.max(1, Math.floor(spanMs / (count + 2)));
  return at(`${-spanMs}::bigint + ((${i})::bigint - 1) * ${slot} + ${hash(i, salt)} % ${2 * slot}`);
}

/** A CASE choosing among `choices` by `bucket` (an expression in 0..99) with the given percentage weights. */
export function weighted(bucket: string, choices: ReadonlyArray<readonly [string, number]>): string {
  let edge = 0;
  const arms = choices.map(([value, weight]) => {
    edge += weight;
    return `WHEN ${bucket} < ${edge} THEN ${value}`;
  });
  if (edge !== 100) throw new Error(`weights add up to ${edge}, not 100`);
  return `(CASE ${arms.join(" ")} END)`;
}

/** A SQL string literal. */
export function lit(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** An SQL text[] literal of `values`, indexable by `(...)[1 + h % n]` for a deterministic pick. */
export function textArray(values: readonly string[]): string {
  return `ARRAY[${values.map(lit).join(", ")}]::text[]`;
}

/** `values[1 + hash % n]` — one of `values`, chosen by a hash expression. */
export function pick(h: string, values: readonly string[]): string {
  return `(${textArray(values)})[1 + ${h} % ${values.length}]`;
}

/**
 * A count per parent that averages `mean` (± `spread`) and sums to exactly mean × parents when
 * parents is even: each odd parent's deviation is cancelled by its even neighbour.
 */
export function pairedCount(i: string, mean: number, spread: number, salt: number): string {
  const deviation = `(${hash(`((${i}) + 1) / 2`, salt)} % ${2 * spread + 1} - ${spread})`;
  return `(${mean} + CASE WHEN (${i}) % 2 = 1 THEN ${deviation} ELSE -${deviation} END)`;
}

/** Runs the statements in order, each as one set-based INSERT. */
export async function run(sql: Sql, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.$executeRawUnsafe(statement);
}
