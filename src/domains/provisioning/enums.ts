// The provisioning statuses and kinds, as the source API names them.
import { builder } from "../../graphql/builder.ts";

export const ProvisioningBatchTypeEnum = builder.enumType("ProvisioningBatchType", {
  description: "How a provisioning batch runs its requests.",
  values: {
    SINGLE: { description: "All requests run in parallel (the default)." },
    MULTI: {
      description: "Requests run one after another per subscription (grouped by iccid), in the order submitted.",
    },
  } as const,
});

export const ProvisioningBatchStatusEnum = builder.enumType("ProvisioningBatchStatus", {
  description: "Where a provisioning batch stands.",
  values: {
    INITIALISING: { description: "The batch and its requests have been stored and wait for a worker." },
    PROCESSING: { description: "Requests are being executed." },
    COMPLETED: { description: "The orders of all requests completed successfully." },
    PARTIALLY_COMPLETED: {
      description: "Execution is over and at least one request ended REJECTED, FAILED or CANCELED.",
    },
  } as const,
});

export const ProvisioningRequestStatusEnum = builder.enumType("ProvisioningRequestStatus", {
  description: "Where one API request of a provisioning batch stands.",
  values: {
    APPROVED: {
      description:
        "Accepted; no order has been created yet (in a MULTI batch it may wait for earlier requests of its iccid).",
    },
    REJECTED: { description: "Refused on submit, e.g. an unknown operation or a missing body field; `info` says why." },
    FAILED: { description: "No order could be created, e.g. the subscription was not found." },
    PROCESSING: { description: "An order has been created (`orderId`) and is being executed." },
    COMPLETED: { description: "The order completed successfully." },
    CANCELED: {
      description: "The order's execution failed, e.g. blocking an already blocked subscription; `info` says why.",
    },
  } as const,
});

export const ProvisioningEventTypeEnum = builder.enumType("ProvisioningEventType", {
  description: "What a provisioning event reports.",
  values: {
    BATCH_COMPLETED: { description: "A batch completed: every request's order succeeded." },
    BATCH_PARTIALLY_COMPLETED: {
      description: "A batch finished with at least one request REJECTED, FAILED or CANCELED.",
    },
    ORDER_COMPLETED: { description: "The order of one request completed successfully." },
    ORDER_FAILED: { description: "The order of one request failed; the request ended CANCELED." },
  } as const,
});
