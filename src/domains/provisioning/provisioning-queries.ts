// Root reads of provisioning batches: one by id, and the list, newest first.
import { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { enumArray } from "../../data/sql.ts";
import { parseId } from "../../graphql/ids.ts";
import { rowByKey } from "../../data/planner/fields.ts";
import { orderOf } from "../../data/planner/order.ts";
import { listConnection } from "../../data/planner/run.ts";
import { provisioningBatchTable } from "./tables.ts";
import { ProvisioningBatchStatusEnum, ProvisioningBatchTypeEnum } from "./enums.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";

const NEWEST_FIRST = orderOf(provisioningBatchTable, [{ field: "createdAt", direction: "desc" }]);

const ProvisioningBatchFilter = builder.inputType("ProvisioningBatchFilter", {
  description: "Conditions a provisioning batch must meet; all given conditions apply.",
  fields: (t) => ({
    status: t.field({ type: [ProvisioningBatchStatusEnum], description: "Only batches in one of these statuses." }),
    type: t.field({ type: ProvisioningBatchTypeEnum, description: "Only batches of this type." }),
  }),
});

builder.queryFields((t) => ({
  provisioningBatch: t.field({
    type: ProvisioningBatchNode,
    nullable: true,
    authScopes: { scope: "provisioning:read" },
    description: "A provisioning batch by its id; null when it does not exist or is older than PROVISIONING_RETENTION.",
    args: { id: t.arg.id({ required: true, description: "Global id of the provisioning batch." }) },
    resolve: (_root, args, context, info) =>
      rowByKey(provisioningBatchTable, parseId(args.id, "ProvisioningBatch", "id"), context, info) as never,
  }),
  provisioningBatches: t.connection({
    type: ProvisioningBatchNode,
    authScopes: { scope: "provisioning:read" },
    description:
      "Provisioning batches, newest first; at most 100 per page, sized by `first` or `last` (one is required). " +
      "Batches older than PROVISIONING_RETENTION are left out.",
    args: { filter: t.arg({ type: ProvisioningBatchFilter, description: "Only batches meeting these conditions." }) },
    resolve: (_root, args, context, info) => {
      const statuses = args.filter?.status ? [...args.filter.status] : undefined;
      const type = args.filter?.type;
      const where = (alias: string) => {
        const a = Prisma.raw(alias);
        const conditions = [Prisma.sql`TRUE`];
        if (statuses)
          conditions.push(Prisma.sql`${a}.status = ANY(${enumArray(statuses, "provisioning_batch_status")})`);
        if (type) conditions.push(Prisma.sql`${a}.type = ${type}::provisioning_batch_type`);
        return Prisma.join(conditions, " AND ");
      };
      return listConnection(
        { table: provisioningBatchTable, where, order: NEWEST_FIRST },
        args,
        context,
        info,
      ) as never;
    },
  }),
}));
