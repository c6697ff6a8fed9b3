import type { Subscription } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { reads } from "../../data/planner/fields.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { subscriptionTable } from "./tables.ts";
import { parseRawId } from "../../graphql/ids.ts";
import type { AssignedService } from "./orders.ts";
import { readScope } from "../../graphql/transforms/type-scopes.ts";

const SubscriptionServiceRef = builder.objectRef<AssignedService>("SubscriptionService").implement({
  description: "A service assigned to a subscription, e.g. a data bundle.",
  fields: (t) => ({
    serviceId: t.exposeString("serviceId", { description: "Identifier of the service, e.g. Data1G." }),
    parameters: t.expose("parameters", {
      type: "JSON",
      description: "The service's parameters as last assigned or modified, e.g. { limit: 100 }.",
    }),
  }),
});

// Named MobileSubscription: "Subscription" is GraphQL's root type for live updates.
export const MobileSubscriptionNode = builder.loadableNode("MobileSubscription", {
  ...tableBacked(subscriptionTable, readScope("provisioning:read")),
  description: "A telecom subscription (a SIM card with its phone number), changed by provisioning batches.",
  id: { resolve: (subscription) => subscription.id, parse: parseRawId },
  load: (ids: number[]) => rowsByKeys<Subscription>(subscriptionTable, ids),
  sort: (subscription) => subscription.id,
  fields: (t) => ({
    msisdn: t.exposeString("msisdn", {
      description: "The phone number, 8 to 15 digits with country code, e.g. 46708421499.",
    }),
    iccid: t.exposeString("iccid", { description: "The SIM card's id, 19 or 20 digits starting with 89." }),
    state: t.exposeString("state", { description: "Lifecycle state: ACTIVE, SUSPENDED or TERMINATED." }),
    blocked: t.exposeBoolean("blocked", { description: "Whether traffic is blocked." }),
    services: t.field({
      type: [SubscriptionServiceRef],
      description: "Services assigned to the subscription.",
      ...reads<Subscription>("services"),
      resolve: (subscription) => subscription.services as unknown as AssignedService[],
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the subscription was created." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When the subscription last changed." }),
  }),
});
