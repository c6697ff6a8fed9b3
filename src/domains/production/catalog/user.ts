import type { User } from "../../../generated/prisma/client.ts";
import { builder } from "../../../graphql/builder.ts";
import { parseRawId } from "../../../graphql/ids.ts";
import { rowsByKeys } from "../../../data/planner/loaders.ts";
import { tableBacked } from "../../../data/planner/plan.ts";
import { userTable } from "../tables.ts";
import { readScope } from "../../../graphql/transforms/type-scopes.ts";

export const UserNode = builder.loadableNode("User", {
  ...tableBacked(userTable, readScope("batch:read")),
  description: "A person of the production floor; technicians are assigned to batches and work their cycles.",
  id: { resolve: (user) => user.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<User>(userTable, ids),
  sort: (user) => user.id,
  fields: (t) => ({
    name: t.exposeString("name", { description: "Full name of the user." }),
    email: t.exposeString("email", { description: "Email address of the user; unique." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the user was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the user last changed." }),
  }),
});
