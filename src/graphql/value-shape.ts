// The shape of a JSON-like value, measured without recursion: a value nested thousands deep
// (a 10 kB request can hold one) overflows the stack of any recursive walk, JSON.stringify's
// included, so its depth is measured first, iteratively, and stops at the first level too deep.

export interface ValueShape {
  /** Deepest nesting of arrays and objects (a scalar is 0), counted up to `stopAt` + 1. */
  depth: number;
  /** Arrays, objects and scalars in it. */
  values: number;
  /** Whether a string or key holds a NUL character, which PostgreSQL cannot store in text. */
  hasNul: boolean;
}

export function valueShape(root: unknown, stopAt = Number.POSITIVE_INFINITY): ValueShape {
  const shape: ValueShape = { depth: 0, values: 0, hasNul: false };
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (pending.length) {
    const { value, depth } = pending.pop()!;
    shape.values++;
    if (typeof value === "string") {
      if (value.includes("\u0000")) shape.hasNul = true;
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    const level = depth + 1;
    if (level > shape.depth) shape.depth = level;
    if (level > stopAt) break;
    if (Array.isArray(value)) {
      for (const item of value) pending.push({ value: item, depth: level });
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes("\u0000")) shape.hasNul = true;
        pending.push({ value: item, depth: level });
      }
    }
  }
  return shape;
}
