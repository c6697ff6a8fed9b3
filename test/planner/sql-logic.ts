// SQL's three-valued logic, for tests that check `where` against rows they read themselves: a
// comparison with a missing value is unknown (null), AND/OR/NOT combine unknowns as SQL does, and
// WHERE keeps only the rows whose condition is true.

export type Truth = boolean | null;
export type Value = string | number | boolean | null;

export const and = (values: Truth[]): Truth => (values.includes(false) ? false : values.includes(null) ? null : true);
export const or = (values: Truth[]): Truth => (values.includes(true) ? true : values.includes(null) ? null : false);
export const not = (value: Truth): Truth => (value === null ? null : !value);

/**
 * One operator of a column's filter on a row's value. Numbers compare as numbers, ISO dates and
 * text as text (the tests leave text out of order comparisons: PostgreSQL orders it by collation).
 */
export function compareValue(value: Value, operator: string, operand: unknown): Truth {
  if (operator === "isNull") return operand ? value === null : value !== null;
  if (value === null) return null;
  const ordered = value as string | number;
  switch (operator) {
    case "eq":
      return value === operand;
    case "ne":
      return value !== operand;
    case "lt":
      return ordered < (operand as string | number);
    case "lte":
      return ordered <= (operand as string | number);
    case "gt":
      return ordered > (operand as string | number);
    case "gte":
      return ordered >= (operand as string | number);
    case "in":
      return (operand as unknown[]).includes(value);
    case "notIn":
      return !(operand as unknown[]).includes(value);
    case "contains":
      return String(value).toLowerCase().includes(String(operand).toLowerCase());
    case "startsWith":
      return String(value).toLowerCase().startsWith(String(operand).toLowerCase());
    default:
      throw new Error(`no operator ${operator}`);
  }
}

/** Every operator of a column's filter (`{ gte: 1, lte: 5 }`) on a row's value. */
export const compareAll = (value: Value, filter: Record<string, unknown>): Truth =>
  and(Object.entries(filter).map(([operator, operand]) => compareValue(value, operator, operand)));

/** Two sort values as PostgreSQL's ORDER BY compares them by default: NULLs last ascending, first descending. */
export function compareSorted(a: string | number | null, b: string | number | null, direction: "ASC" | "DESC"): number {
  const sign = direction === "ASC" ? 1 : -1;
  if (a === b) return 0;
  if (a === null) return sign;
  if (b === null) return -sign;
  return (a < b ? -1 : 1) * sign;
}
