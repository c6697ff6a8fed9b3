// Bulk mutations for internal tools, one convention for every domain: a list of ids and
// `atomic`. With `atomic: true` the call is one transaction and the first refused item (in the
// order given) rolls everything back with an error naming it; with `atomic: false` every item
// answers on its own (DONE, or REFUSED with its code and reason) and only the refused ones stay
// as they were. Either way one process status records the whole call (the kit's `recorded`), and
// X-Request-Id replays come from the kit. Ids are checked before any SQL: how many (duplicates
// count once), and their type (a wrong one is named by its index). The work itself is set-based:
// each step is one statement over all ids, never one per item. The GraphQL side (the `ids` and
// `atomic` inputs, a result per id) is in bulk-schema.ts.
import { domainError, type ErrorCode } from "../../graphql/errors.ts";
import { encodeGlobalId, parseId } from "../../graphql/ids.ts";

/** An id of a bulk call and its position in the input list (its first one, when given twice). */
export interface BulkItem {
  id: number;
  index: number;
}

export interface BulkRefusal {
  code: ErrorCode;
  reason: string;
}

export interface BulkOutcome {
  id: string;
  index: number;
  refusal: BulkRefusal | null;
}

/** The distinct ids of a bulk call, refused before any SQL when there are none, too many, or of another type. */
export function parseBulkIds(
  ids: readonly (string | number)[],
  typename: string,
  field: string,
  max: number,
): BulkItem[] {
  const distinctTexts = new Set(ids.map(String));
  if (distinctTexts.size === 0) throw domainError("BAD_USER_INPUT", `${field} must list at least one id`, { field });
  if (distinctTexts.size > max) {
    throw domainError("LIMIT_EXCEEDED", `${field} may list at most ${max} distinct ids, got ${distinctTexts.size}`, {
      field,
      limit: max,
    });
  }
  const items = new Map<number, BulkItem>();
  ids.forEach((raw, index) => {
    const id = parseId(raw, typename, `${field}[${index}]`);
    if (!items.has(id)) items.set(id, { id, index });
  });
  return [...items.values()];
}

/**
 * Applies the call's mode to the refusals a set-based check found: atomic throws the first refused
 * item's error (rolling the transaction back); per item, the ids to change and every item's outcome.
 */
export function settle(
  typename: string,
  items: readonly BulkItem[],
  refusals: ReadonlyMap<number, BulkRefusal>,
  options: { atomic: boolean; field: string },
): { accepted: number[]; outcomes: BulkOutcome[] } {
  const outcomes = items.map(({ id, index }) => ({
    id: encodeGlobalId(typename, id),
    index,
    refusal: refusals.get(id) ?? null,
  }));
  const first = outcomes.find((outcome) => outcome.refusal);
  if (options.atomic && first) {
    const field = `${options.field}[${first.index}]`;
    const message = `${field} (${first.id}): ${first.refusal!.reason}; nothing was changed`;
    throw domainError(first.refusal!.code, message, { field, id: first.id, index: first.index });
  }
  return { accepted: items.filter(({ id }) => !refusals.has(id)).map(({ id }) => id), outcomes };
}

/** The items missing from `found`, refused as NOT_FOUND. */
export function missingItems(typename: string, noun: string, items: readonly BulkItem[], found: ReadonlySet<number>) {
  const refusals = new Map<number, BulkRefusal>();
  for (const { id } of items) {
    if (!found.has(id))
      refusals.set(id, { code: "NOT_FOUND", reason: `${noun} ${encodeGlobalId(typename, id)} does not exist` });
  }
  return refusals;
}

/** The process status' entityId for many items: their global ids, shortened to stay indexable (see RELIABILITY.md). */
export function bulkEntityId(typename: string, items: readonly BulkItem[]): string {
  const MAX_LENGTH = 1000;
  const ids = items.map(({ id }) => encodeGlobalId(typename, id));
  let text = "";
  for (const [position, id] of ids.entries()) {
    const rest = ids.length - position;
    const next = text ? `${text},${id}` : id;
    if (next.length > MAX_LENGTH - 20 && rest > 1) return `${text},+${rest} more`;
    text = next;
  }
  return text;
}

/** The process status of a bulk call: its event, its items as entityId, what it did in which mode. */
export function bulkProcess(
  eventType: string,
  typename: string,
  items: readonly BulkItem[],
  atomic: boolean,
  what: string,
) {
  return {
    eventType,
    entityId: bulkEntityId(typename, items),
    description: `${what} (${atomic ? "atomic" : "per item"}).`,
  };
}

/** Settles a change made by one statement over every id: the ids it did not touch do not exist. */
export function settleMissing(
  typename: string,
  noun: string,
  items: readonly BulkItem[],
  touched: Iterable<number>,
  atomic: boolean,
) {
  return settle(typename, items, missingItems(typename, noun, items, new Set(touched)), { atomic, field: "input.ids" })
    .outcomes;
}
