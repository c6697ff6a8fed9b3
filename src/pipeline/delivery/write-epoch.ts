// The write epoch: a counter every committed write bumps (src/data/committed-writes.ts notices them,
// whatever sent them: mutations, background jobs, anything later). A cached response is keyed
// by the epoch it was read at, and counts as a hit only while that epoch is current, so after a
// change has committed no read is answered from before it. One general rule instead of a list
// of which change makes which cached query stale, which a new mutation or job could forget.
// In memory for one process; in Redis (REDIS_URL) when instances and the worker share a cache.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { onCommittedWrite } from "../../data/committed-writes.ts";
import { logger } from "../../config/logger.ts";

export interface WriteEpoch {
  /** The current epoch, as text; a value that never matches when it cannot be known. */
  current(): Promise<string>;
}

let localEpoch = 0;
onCommittedWrite(() => {
  localEpoch += 1;
});

/** This process's epoch: bumped by its own writes. */
export const processEpoch: WriteEpoch = { current: async () => `p${localEpoch}` };

const KEY = "gateway:write-epoch";
const BUMP_WAIT_MS = 500;
const shared = new Map<string, Redis>();

/**
 * Makes this process's committed writes bump the epoch kept in Redis (every server, with or
 * without a cache of its own, and the worker), and returns the epoch readers check.
 */
export function sharedEpoch(url: string): WriteEpoch {
  let redis = shared.get(url);
  if (!redis) {
    // Bumps queue while connecting (one lost at start-up would leave stale entries current), and a
    // writer waits for one at most BUMP_WAIT_MS; reads fail fast when Redis is away (cache misses).
    const client = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2_000 });
    client.on("error", (error: Error) => logger.warn({ err: error.message }, "write epoch: Redis unavailable"));
    onCommittedWrite(() =>
      Promise.race([client.incr(KEY), new Promise((resolve) => setTimeout(resolve, BUMP_WAIT_MS).unref())]),
    );
    shared.set(url, (redis = client));
  }
  const client = redis;
  return {
    async current() {
      if (client.status !== "ready") return `unknown:${randomUUID()}`;
      try {
        return `r${(await client.get(KEY)) ?? "0"}`;
      } catch {
        return `unknown:${randomUUID()}`;
      }
    },
  };
}
