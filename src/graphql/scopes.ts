// The permissions a token can carry, modelled on the production API's OAuth scopes.
export const SCOPES = {
  "batch:read": "Read a production batch and what hangs off it (work orders, queues, cycles).",
  "batch:all": "List all production batches, work orders, queues and cycles.",
  "batch:create": "Create production batches.",
  "batch:update": "Change production batches and cycle statuses, assign technicians.",
  "batch:delete": "Delete production batches.",
  "batch:attach": "Attach a relation to a batch.",
  "batch:detach": "Detach a relation or a technician from a batch.",
  "letters:read": "Read letter batches and letters.",
  "letters:write": "Update the status of letter batches.",
  "messages:read": "Read outgoing messages.",
  "messages:send": "Send messages.",
  "messages:cancel": "Cancel scheduled messages.",
  "process-status:read": "Read process statuses.",
  "provisioning:read": "Read provisioning batches, subscriptions and events.",
  "provisioning:submit": "Submit provisioning batches.",
} as const;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}

/** Parses "a,b" or "all" into scopes; unknown names are an error naming them. */
export function parseScopes(list: string): Scope[] {
  if (list.trim() === "all") return ALL_SCOPES;
  const names = list.split(/[\s,]+/).filter(Boolean);
  const unknown = names.filter((name) => !isScope(name));
  if (unknown.length) throw new Error(`unknown scope(s): ${unknown.join(", ")}; known: ${ALL_SCOPES.join(", ")}`);
  return names as Scope[];
}
