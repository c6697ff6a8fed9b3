import type { Program } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { allowedStatuses } from "./allowed-statuses.ts";
import { CustomerNode } from "./customer.ts";
import { StatusRef } from "./status.ts";
import { reads, toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { customerTable, programTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const ProgramNode = builder.loadableNode("Program", {
  ...tableBacked(programTable, readScope("batch:read")),
  description: "A customer's programme of work (e.g. North East stores), grouping projects.",
  id: { resolve: (program) => program.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Program>(programTable, ids),
  sort: (program) => program.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the program." }),
    customer: t.field({
      type: CustomerNode,
      description: "The customer the program is for.",
      ...toOne(customerTable, "customerId"),
    }),
    startDate: t.expose("startDate", { type: "DateTime", nullable: true, description: "When the program starts." }),
    endDate: t.expose("endDate", { type: "DateTime", nullable: true, description: "When the program ends." }),
    allowedStatuses: t.field({
      type: [StatusRef],
      description: "The status labels the program's work may carry, each with its category.",
      ...reads<Program>("allowedStatuses"),
      resolve: (program) => allowedStatuses(program.allowedStatuses),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the program was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the program last changed." }),
  }),
});
