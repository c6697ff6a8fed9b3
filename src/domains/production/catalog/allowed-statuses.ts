// The allowed_statuses JSON column of customers, programs and projects, read as Status objects.
import { StatusCategory } from "../../../generated/prisma/enums.ts";
import type { StatusShape } from "./status.ts";

const CATEGORIES = new Set<string>(Object.values(StatusCategory));

/** The well-formed entries of a stored status list; anything else is skipped rather than failing the read. */
export function allowedStatuses(json: unknown): StatusShape[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((entry: Record<string, unknown>) => {
    if (typeof entry?.status !== "string" || typeof entry.category !== "string" || !CATEGORIES.has(entry.category))
      return [];
    return [
      {
        statusLabel: entry.status,
        statusCategory: entry.category as StatusCategory,
        statusDescription: typeof entry.description === "string" ? entry.description : null,
        statusOrder: typeof entry.order === "number" ? entry.order : 0,
      },
    ];
  });
}
