// Submit-time checks. Envelope limits (how many requests, how long each field) are errors
// raised before any SQL; a malformed request is stored REJECTED with the reason instead.
import type { ProvisioningBatchType } from "../../generated/prisma/enums.ts";
import { badUserInput } from "../../graphql/errors.ts";
import { parseOperation } from "./operations.ts";

export const MAX_REQUESTS = 100;
export const MAX_REQUEST_ID = 100;
export const MAX_METHOD = 10;
export const MAX_RESOURCE = 200;
export const MAX_BODY_CHARS = 4_000;

export interface RequestInput {
  requestId?: string | null;
  method: string;
  resource: string;
  body?: unknown;
}

export interface CheckedRequest {
  position: number;
  requestId: string;
  method: string;
  resource: string;
  body: unknown;
  iccid: string | null;
  status: "APPROVED" | "REJECTED";
  info: string | null;
}

function checkLength(value: string, max: number, field: string) {
  if (value.length > max) throw badUserInput(`${field} must be at most ${max} characters, got ${value.length}`, field);
}

function checkEnvelope(requests: readonly RequestInput[]) {
  if (requests.length === 0) throw badUserInput("A batch needs at least one request", "input.requests");
  if (requests.length > MAX_REQUESTS) {
    throw badUserInput(`A batch holds at most ${MAX_REQUESTS} requests, got ${requests.length}`, "input.requests");
  }
  requests.forEach((request, index) => {
    const field = `input.requests[${index}]`;
    checkLength(request.requestId ?? "", MAX_REQUEST_ID, `${field}.requestId`);
    checkLength(request.method, MAX_METHOD, `${field}.method`);
    checkLength(request.resource, MAX_RESOURCE, `${field}.resource`);
    checkLength(JSON.stringify(request.body ?? null), MAX_BODY_CHARS, `${field}.body`);
  });
}

/** Checks every request of a batch: APPROVED, or REJECTED with `info` saying why. */
export function checkRequests(type: ProvisioningBatchType, requests: readonly RequestInput[]): CheckedRequest[] {
  checkEnvelope(requests);
  return requests.map((request, position) => {
    const parsed = parseOperation(request.method, request.resource, request.body);
    const base = {
      position,
      requestId: request.requestId ?? String(position + 1),
      method: request.method.toUpperCase(),
      resource: request.resource,
      body: request.body ?? null,
    };
    if (!parsed.ok) return { ...base, iccid: null, status: "REJECTED", info: parsed.info };
    if (type === "MULTI" && !parsed.iccid) {
      return {
        ...base,
        iccid: null,
        status: "REJECTED",
        info: "A MULTI batch needs an iccid in every request (resource iccid:{id} or body.iccid)",
      };
    }
    return { ...base, iccid: parsed.iccid, status: "APPROVED", info: null };
  });
}
