// Subscriptions and request lists for provisioning tests; numbers are unique per test file.
import { prisma } from "../../src/data/db.ts";
import { createExecutor } from "../../src/domains/provisioning/executor.ts";
import { query } from "../client.ts";
import { type ProvisioningRequestInput, SubmitProvisioningBatchDocument } from "../generated/graphql.ts";

let sequence = 0;

/** A fresh msisdn/iccid pair that no other test in the file uses. */
export function numbers() {
  const n = String(++sequence).padStart(7, "0");
  return { msisdn: `4670${n}`, iccid: `8946000000000${n}` };
}

export async function createSubscription(options: { blocked?: boolean; state?: string; services?: string[] } = {}) {
  const services = (options.services ?? []).map((serviceId) => ({ serviceId, parameters: {} }));
  return prisma.subscription.create({
    data: { ...numbers(), blocked: options.blocked, state: options.state, services },
  });
}

/** `count` plain ACTIVE subscriptions, in one statement. */
export async function createSubscriptions(count: number) {
  return prisma.subscription.createManyAndReturn({ data: Array.from({ length: count }, numbers) });
}

export const create = (n: { msisdn: string; iccid: string }, requestId?: string): ProvisioningRequestInput => ({
  requestId,
  method: "POST",
  resource: "subscriptions",
  body: n,
});

export const block = (ref: string, blocked = true, requestId?: string): ProvisioningRequestInput => ({
  requestId,
  method: "PATCH",
  resource: `subscriptions/${ref}`,
  body: { blocked },
});

export const service = (
  method: "POST" | "DELETE" | "PATCH",
  ref: string,
  serviceId: string,
  requestId?: string,
): ProvisioningRequestInput => ({
  requestId,
  method,
  resource: `subscriptions/${ref}/services`,
  body: { serviceId, limit: 100 },
});

export async function submit(requests: ProvisioningRequestInput[], type: "SINGLE" | "MULTI" = "SINGLE") {
  const { submitProvisioningBatch } = await query(SubmitProvisioningBatchDocument, { input: { type, requests } });
  return submitProvisioningBatch!;
}

/** Runs executor passes in this process until nothing is left to claim. */
export function drain(workerId = "test-worker") {
  return createExecutor({ workerId, leaseMs: 30_000 }).runUntilIdle();
}
