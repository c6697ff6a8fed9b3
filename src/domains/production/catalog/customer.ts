import type { Customer } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { allowedStatuses } from "./allowed-statuses.ts";
import { StatusRef } from "./status.ts";
import { reads } from "../../../data/planner/fields.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { customerTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const CustomerNode = builder.loadableNode("Customer", {
  ...tableBacked(customerTable, readScope("batch:read")),
  description: "The organisation the work is done for; its programs group projects, whose work orders are produced.",
  id: { resolve: (customer) => customer.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Customer>(customerTable, ids),
  sort: (customer) => customer.id,
  fields: (t) => ({
    label: t.exposeString("label", { description: "Name of the customer." }),
    allowedStatuses: t.field({
      type: [StatusRef],
      description: "The status labels this customer's work may carry, each with its category.",
      ...reads<Customer>("allowedStatuses"),
      resolve: (customer) => allowedStatuses(customer.allowedStatuses),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the customer was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the customer last changed." }),
  }),
});
