// What executing an order does to a subscription, and when it fails (the request then ends
// CANCELED with the reason). Rules:
// - create: fails when a subscription with the msisdn or the iccid already exists;
// - any change to a TERMINATED subscription fails;
// - block an already-blocked subscription, or unblock one that is not blocked, fails;
// - assign a service that is already assigned, or withdraw/modify one that is not, fails.
import type { Tx } from "../processes/recorder.ts";
import type { Operation, SubscriptionRef } from "./operations.ts";

export interface AssignedService {
  serviceId: string;
  parameters: Record<string, unknown>;
}

export type OrderResult = { ok: true; subscriptionId: number } | { ok: false; error: string };

export function findSubscription(tx: Tx, ref: SubscriptionRef) {
  return tx.subscription.findUnique({ where: ref.type === "msisdn" ? { msisdn: ref.id } : { iccid: ref.id } });
}

async function create(tx: Tx, msisdn: string, iccid: string): Promise<OrderResult> {
  const existing = await tx.subscription.findFirst({ where: { OR: [{ msisdn }, { iccid }] }, select: { id: true } });
  if (existing) return { ok: false, error: `A subscription with msisdn ${msisdn} or iccid ${iccid} already exists` };
  const created = await tx.subscription.create({ data: { msisdn, iccid } });
  return { ok: true, subscriptionId: created.id };
}

type Subscription = NonNullable<Awaited<ReturnType<typeof findSubscription>>>;
type Change = { blocked?: boolean; state?: string; services?: AssignedService[] } | string;

function changeOf(subscription: Subscription, operation: Exclude<Operation, { kind: "CREATE_SUBSCRIPTION" }>): Change {
  if (subscription.state === "TERMINATED") return "Subscription is terminated";
  if (operation.kind === "UPDATE_SUBSCRIPTION") {
    if (operation.blocked === true && subscription.blocked) return "Subscription is already blocked";
    if (operation.blocked === false && !subscription.blocked) return "Subscription is not blocked";
    return { blocked: operation.blocked, state: operation.state };
  }
  const services = subscription.services as unknown as AssignedService[];
  const assigned = services.some((service) => service.serviceId === operation.serviceId);
  const { serviceId, parameters } = operation;
  if (operation.kind === "ASSIGN_SERVICE") {
    return assigned
      ? `Service ${serviceId} is already assigned`
      : { services: [...services, { serviceId, parameters }] };
  }
  if (!assigned) return `Service ${serviceId} is not assigned`;
  if (operation.kind === "WITHDRAW_SERVICE")
    return { services: services.filter((service) => service.serviceId !== serviceId) };
  return {
    services: services.map((service) => (service.serviceId === serviceId ? { serviceId, parameters } : service)),
  };
}

/** Executes the order's operation in `tx`; the subscription row is locked while it is read and changed. */
export async function applyOperation(
  tx: Tx,
  operation: Operation,
  subscriptionId: number | null,
): Promise<OrderResult> {
  if (operation.kind === "CREATE_SUBSCRIPTION") return create(tx, operation.msisdn, operation.iccid);
  if (subscriptionId === null) return { ok: false, error: "Subscription no longer exists" };
  await tx.$queryRaw`SELECT id FROM subscription WHERE id = ${subscriptionId} FOR UPDATE`;
  const subscription = await tx.subscription.findUnique({ where: { id: subscriptionId } });
  if (!subscription) return { ok: false, error: "Subscription no longer exists" };
  const change = changeOf(subscription, operation);
  if (typeof change === "string") return { ok: false, error: change };
  const { services, ...flags } = change;
  await tx.subscription.update({
    where: { id: subscriptionId },
    data: { ...flags, ...(services ? { services: services as never } : {}) },
  });
  return { ok: true, subscriptionId };
}
