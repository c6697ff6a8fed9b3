// Live-update events. In process by default; with REDIS_URL every instance (and the worker
// process) shares one Redis pub/sub channel, so a change made anywhere reaches every
// subscriber. Publish only after the change's transaction has committed.
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { createPubSub } from "graphql-yoga";
import { Redis } from "ioredis";
import { env } from "../config/env.ts";
import { logger } from "../config/logger.ts";

/** Topics carry only ids: subscribers read the current state, so an event never shows stale data. */
export type Topics = {
  batchStatusChanged: [batchId: number, payload: { batchId: number }];
  provisioningBatchUpdated: [batchId: number, payload: { batchId: number }];
  processStatusChanged: [processStatusId: number, payload: { processStatusId: number }];
  messageStatusChanged: [messageId: number, payload: { messageId: number }];
  provisioningEvent: [payload: { eventId: number }];
};

function redisEventTarget(url: string) {
  const options = { maxRetriesPerRequest: 2, lazyConnect: false };
  const publishClient = new Redis(url, options);
  const subscribeClient = new Redis(url, options);
  for (const client of [publishClient, subscribeClient])
    client.on("error", (err) => logger.warn({ err }, "redis pub/sub error"));
  return {
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
    clients: [publishClient, subscribeClient],
  };
}

const redis = env.redisUrl ? redisEventTarget(env.redisUrl) : undefined;

export const pubsub = createPubSub<Topics>(redis ? { eventTarget: redis.eventTarget } : {});

/** Closes the Redis connections (at shutdown). */
export async function closePubSub(): Promise<void> {
  await Promise.all(redis?.clients.map((client) => client.quit().catch(() => undefined)) ?? []);
}
