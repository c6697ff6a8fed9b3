// Root reads of subscriptions: one by msisdn or iccid, and the list, newest first.
import { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { badUserInput } from "../../graphql/errors.ts";
import { orderOf } from "../../data/planner/order.ts";
import { listConnection, plannedRows, ownSelections } from "../../data/planner/run.ts";
import { objectTypeOf } from "../../data/planner/collect.ts";
import { prisma } from "../../data/db.ts";
import { subscriptionTable } from "./tables.ts";

const NEWEST_FIRST = orderOf(subscriptionTable, [{ field: "createdAt", direction: "desc" }]);
import { MobileSubscriptionNode } from "./subscription.ts";

builder.queryFields((t) => ({
  subscription: t.field({
    type: MobileSubscriptionNode,
    nullable: true,
    authScopes: { scope: "provisioning:read" },
    description: "A subscription by its msisdn or its iccid (exactly one of them); null when there is none.",
    args: {
      msisdn: t.arg.string({ description: "The subscription's phone number, e.g. 46708421499." }),
      iccid: t.arg.string({ description: "The subscription's SIM card id, e.g. 89461177710001700003." }),
    },
    resolve: async (_root, args, context, info) => {
      if ((args.msisdn == null) === (args.iccid == null))
        throw badUserInput("Give exactly one of msisdn and iccid", args.msisdn == null ? "msisdn" : "iccid");
      const [by, value] = args.msisdn != null ? (["msisdn", args.msisdn] as const) : (["iccid", args.iccid!] as const);
      const planned = await plannedRows(
        subscriptionTable,
        objectTypeOf(info.returnType)!,
        ownSelections(info),
        [value],
        context,
        info,
        by,
      );
      if (planned) return (planned.get(value) ?? null) as never;
      return prisma.subscription.findUnique({ where: by === "msisdn" ? { msisdn: value } : { iccid: value } });
    },
  }),
  subscriptions: t.connection({
    type: MobileSubscriptionNode,
    authScopes: { scope: "provisioning:read" },
    description: "Subscriptions, newest first; at most 100 per page, sized by `first` or `last` (one is required).",
    resolve: (_root, args, context, info) =>
      listConnection(
        { table: subscriptionTable, where: () => Prisma.sql`TRUE`, order: NEWEST_FIRST },
        args,
        context,
        info,
      ) as never,
  }),
}));
