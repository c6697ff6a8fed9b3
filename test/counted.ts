// Loops over results assert their count first, or a test that finds nothing passes
// (test/static/loop-counts.test.ts finds the loops that do not). `for (const x of counted(list, n))`
// does both in one place.
import { expect } from "vitest";

/** `list`, after asserting it holds exactly `count` items, or at least `atLeast` (one or more). */
export function counted<T>(list: readonly T[] | undefined | null, count: number | { atLeast: number }): readonly T[] {
  if (typeof count === "number") expect(list).toHaveLength(count);
  else {
    if (count.atLeast < 1) throw new Error("counted: atLeast must be 1 or more, or the loop may still run empty");
    expect(list?.length ?? 0).toBeGreaterThanOrEqual(count.atLeast);
  }
  return list ?? [];
}
