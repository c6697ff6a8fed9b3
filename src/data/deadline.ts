// The request deadline: a query or mutation may wait for a free database connection as long as
// its deadline (REQUEST_DEADLINE after its execution started) allows, and is answered
// SERVICE_UNAVAILABLE only once that has passed — not after a fixed pool timeout while the
// database is up and merely busy. The deadline travels with the operation's async work
// (AsyncLocalStorage), so the pool (src/data/database.ts) reads it without being handed a context.
// Work outside an operation (jobs, subscription events) waits a whole REQUEST_DEADLINE.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Plugin } from "graphql-yoga";
import { env } from "../config/env.ts";

const deadlines = new AsyncLocalStorage<number>();

/** Runs `work` with a deadline `ms` from now (unless it already runs under one). */
export function withDeadline<T>(ms: number, work: () => T): T {
  return deadlines.getStore() === undefined ? deadlines.run(Date.now() + ms, work) : work();
}

/** Milliseconds left before the current operation's deadline; a whole REQUEST_DEADLINE outside one. */
export function remainingMs(): number {
  const deadline = deadlines.getStore();
  return deadline === undefined ? env.requestDeadlineMs : Math.max(0, deadline - Date.now());
}

/**
 * Prisma's own limit on waiting to start an interactive transaction: a second beyond any
 * deadline, so the pool's wait, bounded by the deadline, always decides first.
 */
export const TRANSACTION_MAX_WAIT_MS = env.requestDeadlineMs + 1_000;

/** Gives each query and mutation (over any transport) its deadline; subscriptions have none. */
export const requestDeadlinePlugin: Plugin = {
  instrumentation: {
    execute: (_payload, wrapped) => withDeadline(env.requestDeadlineMs, wrapped),
  },
};
