// Root reads of subscriptions: one by msisdn or iccid, and the list, newest first.
import { prisma } from "../db.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { builder } from "../graphql/builder.ts";
import { badUserInput } from "../graphql/errors.ts";
import { createdAtConnection } from "../graphql/keyset.ts";
import { listOf } from "../graphql/pagination.ts";
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
    resolve: async (_root, args) => {
      if ((args.msisdn == null) === (args.iccid == null)) throw badUserInput("Give exactly one of msisdn and iccid", args.msisdn == null ? "msisdn" : "iccid");
      const where = args.msisdn != null ? { msisdn: args.msisdn } : { iccid: args.iccid! };
      return prisma.subscription.findUnique({ where });
    },
  }),
  subscriptions: t.connection({
    type: MobileSubscriptionNode,
    authScopes: { scope: "provisioning:read" },
    description: "Subscriptions, newest first; at most 100 per page (default 20).",
    resolve: (_root, args, _context, info) =>
      createdAtConnection(
        listOf(info),
        args,
        "desc",
        (page) => prisma.subscription.findMany(page as Prisma.SubscriptionFindManyArgs),
        () => prisma.subscription.count(),
      ),
  }),
}));
