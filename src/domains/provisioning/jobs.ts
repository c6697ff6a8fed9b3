// The executor and the retention purge as periodic jobs: started by the server process and
// by `npm run worker` (scripts/worker.ts).
import type { Job } from "../../data/job.ts";
import { logger } from "../../config/logger.ts";
import { provisioningConfig } from "./config.ts";
import { createExecutor } from "./executor.ts";
import { batchRetentionCutoff } from "./retention.ts";
import { removeBatchesCreatedBefore } from "./service.ts";

const executor = createExecutor({ workerId: provisioningConfig.workerId });
let passRunning = false;

export const provisioningExecutorJob: Job = {
  name: "provisioning-executor",
  intervalMs: provisioningConfig.pollIntervalMs,
  // A slow pass is not overlapped by the next tick; other workers keep claiming meanwhile.
  async run() {
    if (passRunning) return;
    passRunning = true;
    try {
      return await executor.runPass();
    } finally {
      passRunning = false;
    }
  },
};

export const provisioningRetentionJob: Job = {
  name: "provisioning-retention",
  intervalMs: 60 * 60_000,
  async run() {
    const removed = await removeBatchesCreatedBefore(batchRetentionCutoff());
    if (removed > 0) logger.info({ removed }, "removed provisioning batches past PROVISIONING_RETENTION");
    return removed;
  },
};
