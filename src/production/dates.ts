// The timestamp fields of the production models. Statements sent past Prisma (db.query) read
// them as epoch milliseconds, far cheaper to turn into Dates than timestamp text (src/sql.ts).
export const TIMESTAMPS = ["createdAt", "updatedAt"] as const;

export const DATE_FIELDS = {
  batch: [...TIMESTAMPS, "dueDate"],
  cycle: TIMESTAMPS,
  workOrder: [...TIMESTAMPS, "beginDate", "dueDate", "startDate", "endDate"],
  queue: TIMESTAMPS,
  location: TIMESTAMPS,
  user: TIMESTAMPS,
} satisfies Record<string, readonly string[]>;
