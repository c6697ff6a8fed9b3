// Caps on open subscriptions: per WebSocket connection, and per caller (the token's subject,
// or the client IP without a valid token) across SSE and WebSocket. Counted per process: with
// several instances a caller may hold the cap on each. Past a cap a subscription is refused
// with LIMIT_EXCEEDED before its field's subscribe runs, so nothing is read for it.
import type { ExecutionArgs } from "graphql";
import { type Plugin, isAsyncIterable } from "graphql-yoga";
import type { Context } from "../../graphql/context.ts";
import { websocketOf } from "../transport/connection.ts";
import { env } from "../../config/env.ts";
import { domainError } from "../../graphql/errors.ts";
import { requestSignalOf, untilEnd } from "../transport/stream-end.ts";
import { callerKey } from "./rate-limit.ts";

export interface SubscriptionLimits {
  /** Subscriptions open at once on one WebSocket connection. */
  perConnection: number;
  /** Subscriptions open at once per token subject (or client IP), over SSE and WebSocket together. */
  perToken: number;
}

type Holder = { key: unknown; limit: number; refusal: string };

function holdersOf(args: ExecutionArgs, limits: SubscriptionLimits): Holder[] {
  const context = args.contextValue as Context;
  const caller = callerKey(context.viewer, context);
  const holders: Holder[] = [
    {
      key: caller,
      limit: limits.perToken,
      refusal: `At most ${limits.perToken} subscriptions may be open at once per token subject; complete one first`,
    },
  ];
  const connection = websocketOf(context);
  if (connection) {
    holders.push({
      key: connection,
      limit: limits.perConnection,
      refusal: `At most ${limits.perConnection} subscriptions may be open at once on one WebSocket connection`,
    });
  }
  return holders;
}

export function subscriptionLimitsPlugin(limits: SubscriptionLimits = env.subscriptionLimits): Plugin {
  /** Open subscriptions per caller key and per connection object. */
  const open = new Map<unknown, number>();
  const add = (holders: Holder[], delta: number) => {
    for (const { key } of holders) {
      const count = (open.get(key) ?? 0) + delta;
      if (count > 0) open.set(key, count);
      else open.delete(key);
    }
  };

  return {
    // Wraps the subscribe function (set by sharedSubscriptions, registered before this plugin):
    // the slot is taken and given back in one place, whatever the subscription's fate.
    onSubscribe({ subscribeFn, setSubscribeFn }) {
      setSubscribeFn(async (args: ExecutionArgs) => {
        const holders = holdersOf(args, limits);
        const full = holders.find(({ key, limit }) => (open.get(key) ?? 0) >= limit);
        if (full) return { errors: [domainError("LIMIT_EXCEEDED", full.refusal, { limit: full.limit })] };
        add(holders, 1);
        let released = false;
        const release = () => {
          if (!released) add(holders, -1);
          released = true;
        };
        try {
          const result = await subscribeFn(args);
          if (!isAsyncIterable(result)) release();
          return isAsyncIterable(result) ? untilEnd(result, release, requestSignalOf(args.contextValue)) : result;
        } catch (error) {
          release();
          throw error;
        }
      });
    },
  };
}
