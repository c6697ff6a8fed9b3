// Fans committed provisioning changes out to live-update subscribers (in process, or across
// instances and the worker process through Redis when REDIS_URL is set).
import { publishProcessStatus } from "../processes/process-subscriptions.ts";
import { pubsub } from "../../data/pubsub.ts";
import { onProvisioningChange } from "./changes.ts";

onProvisioningChange((change) => {
  pubsub.publish("provisioningBatchUpdated", change.batchId, { batchId: change.batchId });
  for (const eventId of change.eventIds) pubsub.publish("provisioningEvent", { eventId });
  if (change.processStatusId !== undefined) publishProcessStatus(change.processStatusId);
});
