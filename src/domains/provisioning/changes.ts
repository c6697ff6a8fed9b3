// Hook for live updates: called after a provisioning change has committed (never for a
// rolled-back one). The subscription layer registers a listener and fans the change out.
import { logger } from "../../config/logger.ts";

export interface ProvisioningChange {
  /** The batch whose status or requests changed. */
  batchId: number;
  /** Events recorded by the change (ORDER_* / BATCH_*), for the events feed. */
  eventIds: number[];
  /** The batch's process status, when it changed (created on submit, finished with the batch). */
  processStatusId?: number;
}

type Listener = (change: ProvisioningChange) => void;
const listeners = new Set<Listener>();

/** Calls `listener` after every committed provisioning change in this process; returns the unsubscribe. */
export function onProvisioningChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function notifyProvisioningChange(change: ProvisioningChange): void {
  for (const listener of listeners) {
    try {
      listener(change);
    } catch (error) {
      // A failing listener must not fail the executor pass that already committed.
      logger.error({ err: error, batchId: change.batchId }, "provisioning change listener failed");
    }
  }
}
