// Root reads of provisioning batches: one by id, and the list, newest first.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { parseId } from "../graphql/ids.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
import { ProvisioningBatchStatusEnum, ProvisioningBatchTypeEnum } from "./enums.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";
import { liveBatchWhere } from "./retention.ts";

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
    resolve: (_root, args) => parseId(args.id, "ProvisioningBatch", "id"),
  }),
  provisioningBatches: t.connection({
    type: ProvisioningBatchNode,
    authScopes: { scope: "provisioning:read" },
    description:
      "Provisioning batches, newest first; at most 100 per page, sized by `first` or `last` (one is required). " +
      "Batches older than PROVISIONING_RETENTION are left out.",
    args: { filter: t.arg({ type: ProvisioningBatchFilter, description: "Only batches meeting these conditions." }) },
    resolve: (_root, args, _context, info) => {
      const where: Prisma.ProvisioningBatchWhereInput = {
        ...liveBatchWhere(),
        ...(args.filter?.status ? { status: { in: args.filter.status } } : {}),
        ...(args.filter?.type ? { type: args.filter.type } : {}),
      };
      return createdAtConnection(
        listOf(info),
        args,
        "desc",
        (page) => prisma.provisioningBatch.findMany({ ...page, where: { AND: [where, page.where] } } as Prisma.ProvisioningBatchFindManyArgs),
        () => prisma.provisioningBatch.count({ where }),
      );
    },
  }),
}));
