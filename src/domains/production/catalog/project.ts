import type { Project } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { allowedStatuses } from "./allowed-statuses.ts";
import { CustomerNode } from "./customer.ts";
import { ProgramNode } from "./program.ts";
import { StatusRef } from "./status.ts";
import { reads, toOne } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { customerTable, programTable, projectTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const ProjectNode = builder.loadableNode("Project", {
  ...tableBacked(projectTable, readScope("batch:read")),
  description: "A project of a customer's program (e.g. New York stores); its work orders are what gets produced.",
  id: { resolve: (project) => project.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Project>(projectTable, ids),
  sort: (project) => project.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the project." }),
    description: t.exposeString("description", { nullable: true, description: "What the project is about." }),
    program: t.field({
      type: ProgramNode,
      description: "The program the project belongs to.",
      ...toOne(programTable, "programId"),
    }),
    customer: t.field({
      type: CustomerNode,
      description: "The customer the project is for.",
      ...toOne(customerTable, "customerId"),
    }),
    startDate: t.expose("startDate", { type: "DateTime", nullable: true, description: "When the project starts." }),
    endDate: t.expose("endDate", { type: "DateTime", nullable: true, description: "When the project ends." }),
    allowedStatuses: t.field({
      type: [StatusRef],
      description: "The status labels the project's work may carry, each with its category.",
      ...reads<Project>("allowedStatuses"),
      resolve: (project) => allowedStatuses(project.allowedStatuses),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the project was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the project last changed." }),
  }),
});
