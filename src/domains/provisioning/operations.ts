// The API requests a provisioning batch may carry, parsed from method + resource + body.
// Used on submit (malformed → REJECTED with the reason) and again by the executor.

export type OperationKind =
  | "CREATE_SUBSCRIPTION"
  | "UPDATE_SUBSCRIPTION"
  | "ASSIGN_SERVICE"
  | "WITHDRAW_SERVICE"
  | "MODIFY_SERVICE";

export interface SubscriptionRef {
  type: "msisdn" | "iccid";
  id: string;
}

export type Operation =
  | { kind: "CREATE_SUBSCRIPTION"; msisdn: string; iccid: string }
  | { kind: "UPDATE_SUBSCRIPTION"; target: SubscriptionRef; blocked?: boolean; state?: string }
  | {
      kind: "ASSIGN_SERVICE" | "WITHDRAW_SERVICE" | "MODIFY_SERVICE";
      target: SubscriptionRef;
      serviceId: string;
      parameters: Record<string, unknown>;
    };

export type Parsed = { ok: true; operation: Operation; iccid: string | null } | { ok: false; info: string };

export const SUBSCRIPTION_STATES = ["ACTIVE", "SUSPENDED", "TERMINATED"] as const;
const MSISDN = /^\d{8,15}$/;
const ICCID = /^89\d{17,18}$/;
const SERVICE_METHODS: Record<string, "ASSIGN_SERVICE" | "WITHDRAW_SERVICE" | "MODIFY_SERVICE"> = {
  POST: "ASSIGN_SERVICE",
  DELETE: "WITHDRAW_SERVICE",
  PATCH: "MODIFY_SERVICE",
};

const reject = (info: string): Parsed => ({ ok: false, info });

function parseRef(segment: string): SubscriptionRef | string {
  const [type, id, ...rest] = segment.split(":");
  if (rest.length || id === undefined) return `Subscription reference "${segment}" must be {type}:{id}`;
  if (type === "msisdn") return MSISDN.test(id) ? { type, id } : `Invalid msisdn "${id}": expected 8 to 15 digits`;
  if (type === "iccid")
    return ICCID.test(id) ? { type, id } : `Invalid iccid "${id}": expected 19 or 20 digits starting with 89`;
  return `Unknown subscription id type "${type}": expected msisdn or iccid`;
}

function parseCreate(body: Record<string, unknown>): Parsed {
  const { msisdn, iccid } = body;
  if (typeof msisdn !== "string" || typeof iccid !== "string")
    return reject("Missing msisdn or iccid parameter in body");
  if (!MSISDN.test(msisdn)) return reject(`Invalid msisdn "${msisdn}": expected 8 to 15 digits`);
  if (!ICCID.test(iccid)) return reject(`Invalid iccid "${iccid}": expected 19 or 20 digits starting with 89`);
  return { ok: true, operation: { kind: "CREATE_SUBSCRIPTION", msisdn, iccid }, iccid };
}

function parseUpdate(target: SubscriptionRef, body: Record<string, unknown>): Parsed {
  const { blocked, state } = body;
  if (blocked === undefined && state === undefined) return reject("Missing blocked or state parameter in body");
  if (blocked !== undefined && typeof blocked !== "boolean") return reject("Parameter blocked must be true or false");
  if (state !== undefined && !SUBSCRIPTION_STATES.includes(state as never)) {
    return reject(`Parameter state must be one of ${SUBSCRIPTION_STATES.join(", ")}`);
  }
  return {
    ok: true,
    operation: { kind: "UPDATE_SUBSCRIPTION", target, blocked, state: state as string | undefined },
    iccid: null,
  };
}

function parseService(method: string, target: SubscriptionRef, body: Record<string, unknown>): Parsed {
  const kind = SERVICE_METHODS[method];
  if (!kind) return reject(`Unsupported operation: ${method} on services`);
  // The source API names the service "id"; "serviceId" is accepted as well.
  const { serviceId = body.id, id: _id, ...parameters } = body;
  if (typeof serviceId !== "string" || serviceId === "") return reject("Missing serviceId parameter in body");
  return { ok: true, operation: { kind, target, serviceId, parameters }, iccid: null };
}

/** Parses one request; `iccid` is the subscription it names by iccid (resource or body), if any. */
export function parseOperation(method: string, resource: string, body: unknown): Parsed {
  if (body !== null && body !== undefined && (typeof body !== "object" || Array.isArray(body))) {
    return reject("Body must be a JSON object");
  }
  const fields = (body ?? {}) as Record<string, unknown>;
  const verb = method.toUpperCase();
  const path = resource.replace(/^\/+|\/+$/g, "").split("/");
  if (path[0] !== "subscriptions" || path.length > 3 || (path.length === 3 && path[2] !== "services")) {
    return reject(`Unsupported resource "${resource}"`);
  }
  if (path.length === 1)
    return verb === "POST" ? parseCreate(fields) : reject(`Unsupported operation: ${verb} subscriptions`);
  const target = parseRef(path[1]!);
  if (typeof target === "string") return reject(target);
  const parsed =
    path.length === 3
      ? parseService(verb, target, fields)
      : verb === "PATCH"
        ? parseUpdate(target, fields)
        : reject(`Unsupported operation: ${verb} ${resource}`);
  if (!parsed.ok) return parsed;
  const bodyIccid = typeof fields.iccid === "string" ? fields.iccid : null;
  return { ...parsed, iccid: target.type === "iccid" ? target.id : bodyIccid };
}
