// Submitting a provisioning batch: returns at once with the stored batch; workers execute it.
import type { ProvisioningBatch } from "../../generated/prisma/client.ts";
import { builder } from "../../graphql/builder.ts";
import { payloadType, recordedMutation } from "../processes/mutation-kit.ts";
import { maxLength } from "../../graphql/transforms/input-limits.ts";
import { ProvisioningBatchTypeEnum } from "./enums.ts";
import { ProvisioningBatchNode } from "./provisioning-batch.ts";
import { submitBatch } from "./service.ts";
import { MAX_BODY_CHARS, MAX_METHOD, MAX_REQUEST_ID, MAX_REQUESTS, MAX_RESOURCE } from "./validation.ts";

const ProvisioningRequestInput = builder.inputType("ProvisioningRequestInput", {
  description:
    "One API request: create a subscription (POST subscriptions), block/unblock or change its state (PATCH " +
    "subscriptions/{msisdn|iccid}:{id}), or assign, withdraw or modify a service (POST / DELETE / PATCH " +
    "subscriptions/{msisdn|iccid}:{id}/services).",
  fields: (t) => ({
    requestId: t.string({
      extensions: maxLength(MAX_REQUEST_ID),
      description: `Your own identifier for the request, echoed for correlation; at most ${MAX_REQUEST_ID} characters. Defaults to the 1-based position.`,
    }),
    method: t.string({
      required: true,
      extensions: maxLength(MAX_METHOD),
      description: `HTTP method: POST, PATCH or DELETE; at most ${MAX_METHOD} characters.`,
    }),
    resource: t.string({
      required: true,
      extensions: maxLength(MAX_RESOURCE),
      description: `Resource path, e.g. subscriptions/iccid:89461177710001700003/services; at most ${MAX_RESOURCE} characters.`,
    }),
    body: t.field({
      type: "JSON",
      extensions: maxLength(MAX_BODY_CHARS),
      description: `Request body: { msisdn, iccid } to create; { blocked } and/or { state } to change; { serviceId, ...parameters } for services. At most ${MAX_BODY_CHARS} characters as JSON.`,
    }),
  }),
});

const SubmitProvisioningBatchInput = builder.inputType("SubmitProvisioningBatchInput", {
  description: "A provisioning batch to submit.",
  fields: (t) => ({
    type: t.field({
      type: ProvisioningBatchTypeEnum,
      defaultValue: "SINGLE",
      description: "SINGLE (parallel, the default) or MULTI (sequential per iccid; every request must name an iccid).",
    }),
    requests: t.field({
      type: [ProvisioningRequestInput],
      required: true,
      description: `The API requests, 1 to ${MAX_REQUESTS}; malformed ones are stored REJECTED with the reason.`,
    }),
  }),
});

const SubmitProvisioningBatchPayload = payloadType<{ batch: ProvisioningBatch }>(
  "SubmitProvisioningBatchPayload",
  "The stored batch, INITIALISING, with each request APPROVED or REJECTED.",
  (t) => ({
    batch: t.field({
      type: ProvisioningBatchNode,
      description: "The stored batch with its requests.",
      resolve: (payload) => payload.batch,
    }),
  }),
  { processStatus: "The submit's process status: PENDING until the batch finishes executing." },
);

recordedMutation("submitProvisioningBatch", {
  scope: "provisioning:submit",
  description: `Submits up to ${MAX_REQUESTS} API requests against subscriptions; returns at once, workers execute them. An empty list or more than ${MAX_REQUESTS} requests is BAD_USER_INPUT and nothing is stored.`,
  input: { type: SubmitProvisioningBatchInput, description: "The batch to submit." },
  payload: SubmitProvisioningBatchPayload,
  resolve: (input) => submitBatch(input.type ?? "SINGLE", input.requests),
});
