// The process_status table as every read sees it: completed records past PROCESS_STATUS_RETENTION
// are gone, and a PENDING one past its deadline reads as TIMEOUT (with its deadline as
// completedAt) even before the sweep marks it — in the planner's statements and the loaders alike.
import { env } from "../../config/env.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { ProcessStatus } from "../../generated/prisma/client.ts";
import { defineTable } from "../../data/planner/table.ts";
import { TIMEOUT_MESSAGE } from "./retention.ts";

const overdue = (a: string) => `${a}.status = 'PENDING' AND ${a}.deadline_at <= now()`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export const processStatusTable = defineTable<ProcessStatus>({
  name: "process_status",
  fields: Prisma.ProcessStatusScalarFieldEnum,
  dates: ["deadlineAt", "createdAt", "completedAt"],
  enums: { status: "process_state" },
  visible: (a) =>
    Prisma.sql`(${a}.completed_at IS NULL OR ${a}.completed_at >= now() - make_interval(secs => ${env.processStatusRetentionMs / 1000}))`,
  expressions: {
    status: (a) => `CASE WHEN ${overdue(a)} THEN 'TIMEOUT'::process_state ELSE ${a}.status END`,
    completedAt: (a) => `CASE WHEN ${overdue(a)} THEN ${a}.deadline_at ELSE ${a}.completed_at END`,
    errorMessage: (a) => `CASE WHEN ${overdue(a)} THEN ${literal(TIMEOUT_MESSAGE)} ELSE ${a}.error_message END`,
  },
});
