// One claimed request, in two transactions so PROCESSING (with its order id) is visible while
// the provisioning system works: (1) look up the subscription and create the order, or end
// FAILED; (2) execute the order once — guarded by its CREATED status — and end COMPLETED or
// CANCELED with an ORDER_* event. A worker that dies between them leaves the order CREATED,
// and whoever reclaims the request after its lease expires resumes at step 2.
import { setTimeout as sleep } from "node:timers/promises";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import type { Tx } from "../processes/recorder.ts";
import { TRANSACTION_OPTIONS } from "./config.ts";
import { type Operation, parseOperation } from "./operations.ts";
import { applyOperation, findSubscription } from "./orders.ts";

export interface ClaimedRequest {
  id: number;
  batchId: number;
  requestId: string;
  method: string;
  resource: string;
  body: unknown;
  orderId: number | null;
}

export interface ExecutionContext {
  prisma: PrismaClient;
  workerId: string;
  leaseMs: number;
  orderLatencyMs: number;
}

/** Thrown to roll back when another worker took the request over after our lease expired. */
class LeaseLost extends Error {}

async function createOrder(
  ctx: ExecutionContext,
  request: ClaimedRequest,
  operation: Operation,
): Promise<number | null> {
  const held = { id: request.id, leaseOwner: ctx.workerId, status: "APPROVED" as const, orderId: null };
  return ctx.prisma.$transaction(async (tx) => {
    const subscription = operation.kind === "CREATE_SUBSCRIPTION" ? null : await findSubscription(tx, operation.target);
    if (operation.kind !== "CREATE_SUBSCRIPTION" && !subscription) {
      await tx.provisioningRequest.updateMany({
        where: held,
        data: { status: "FAILED", info: "Subscription not found", leaseExpiresAt: null },
      });
      return null;
    }
    const order = await tx.order.create({
      data: { operation: operation.kind, subscriptionId: subscription?.id ?? null },
    });
    const leaseExpiresAt = new Date(Date.now() + ctx.leaseMs);
    const { count } = await tx.provisioningRequest.updateMany({
      where: held,
      data: { status: "PROCESSING", orderId: order.id, leaseExpiresAt },
    });
    if (count === 0) throw new LeaseLost();
    return order.id;
  }, TRANSACTION_OPTIONS);
}

async function recordOutcome(
  tx: Tx,
  request: ClaimedRequest,
  orderId: number,
  outcome: Awaited<ReturnType<typeof applyOperation>>,
) {
  const completedAt = new Date();
  await tx.order.update({
    where: { id: orderId },
    data: outcome.ok
      ? { status: "COMPLETED", completedAt, subscriptionId: outcome.subscriptionId }
      : { status: "FAILED", error: outcome.error, completedAt },
  });
  await tx.provisioningRequest.update({
    where: { id: request.id },
    data: {
      status: outcome.ok ? "COMPLETED" : "CANCELED",
      info: outcome.ok ? null : outcome.error,
      leaseExpiresAt: null,
    },
  });
  return tx.provisioningEvent.create({
    data: {
      type: outcome.ok ? "ORDER_COMPLETED" : "ORDER_FAILED",
      batchId: request.batchId,
      requestId: request.id,
      payload: { orderId, requestId: request.requestId, ...(outcome.ok ? {} : { error: outcome.error }) },
    },
  });
}

/** Executes the order unless someone already did; returns the recorded event's id. */
function runOrder(ctx: ExecutionContext, request: ClaimedRequest, orderId: number, operation: Operation) {
  return ctx.prisma.$transaction(async (tx) => {
    // Locks the order: a second executor waits here, then finds it no longer CREATED.
    const [order] = await tx.order.updateManyAndReturn({
      where: { id: orderId, status: "CREATED" },
      data: { status: "EXECUTING" },
      select: { subscriptionId: true },
    });
    if (!order) return null;
    const outcome = await applyOperation(tx, operation, order.subscriptionId);
    return (await recordOutcome(tx, request, orderId, outcome)).id;
  }, TRANSACTION_OPTIONS);
}

/** Runs one claimed request to its end; returns the ids of events it recorded. */
export async function executeRequest(ctx: ExecutionContext, request: ClaimedRequest): Promise<number[]> {
  const parsed = parseOperation(request.method, request.resource, request.body);
  if (!parsed.ok) throw new Error(`stored request ${request.id} no longer parses: ${parsed.info}`);
  try {
    const orderId = request.orderId ?? (await createOrder(ctx, request, parsed.operation));
    if (orderId === null) return [];
    if (ctx.orderLatencyMs > 0) await sleep(ctx.orderLatencyMs);
    const eventId = await runOrder(ctx, request, orderId, parsed.operation);
    return eventId === null ? [] : [eventId];
  } catch (error) {
    if (error instanceof LeaseLost) return [];
    throw error;
  }
}
