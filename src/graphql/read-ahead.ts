// Values read ahead for an object's fields (e.g. a batch's work order, read by the batches
// page's own statement), kept with the object (under a symbol no field reads; a WeakMap beside
// it cost more than the loaders it spares) so the field's resolver answers at once. Through a loader the same value costs a promise and a turn of the microtask
// queue per field: ~250 of them on a page of 50 batches. A resolver that finds nothing here
// loads as usual, so what is read ahead changes the speed of an answer, never the answer.
const KEPT = Symbol("read ahead");

type WithKept = { [KEPT]?: Readonly<Record<string, unknown>> };

/** Keeps `values` (field → value) for `parent`'s fields. */
export function keepReadAhead(parent: object, values: Readonly<Record<string, unknown>>): void {
  (parent as WithKept)[KEPT] = values;
}

/** What was read ahead for `parent`'s `field`, if anything. */
export function readAhead<T>(parent: object, field: string): T | undefined {
  return (parent as WithKept)[KEPT]?.[field] as T | undefined;
}
