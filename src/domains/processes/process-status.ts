import { readScope } from "../../graphql/transforms/type-scopes.ts";
import type { ProcessStatus } from "../../generated/prisma/client.ts";
import { ProcessState } from "../../generated/prisma/enums.ts";
import { builder } from "../../graphql/builder.ts";
import { parseRawId } from "../../graphql/ids.ts";
import { rowsByKeys } from "../../data/planner/loaders.ts";
import { tableBacked } from "../../data/planner/plan.ts";
import { processStatusTable } from "./tables.ts";

/** The most process statuses one request reads by id (processStatuses, and so nodes and _entities). */
export const MAX_PROCESS_STATUS_IDS = 1000;

/** Process statuses by id as readers see them: expired ones are missing, overdue ones TIMEOUT. */
export const loadLiveProcessStatuses = (ids: readonly number[]) => rowsByKeys<ProcessStatus>(processStatusTable, ids);

export const ProcessStateEnum = builder.enumType("ProcessState", {
  description: "Where an asynchronous operation stands.",
  values: {
    PENDING: {
      value: ProcessState.PENDING,
      description: "Still running: poll again or subscribe to processStatusChanged.",
    },
    SUCCESS: { value: ProcessState.SUCCESS, description: "Finished and every change it made is committed." },
    FAILURE: {
      value: ProcessState.FAILURE,
      description: "Finished without effect (or, for a provisioning batch, only partly): errorMessage says why.",
    },
    TIMEOUT: {
      value: ProcessState.TIMEOUT,
      description: "Its deadline passed before it finished; its outcome is unknown.",
    },
  } as const,
});

export const ProcessStatusNode = builder.loadableNode("ProcessStatus", {
  ...tableBacked(processStatusTable, readScope("process-status:read", { maxIdsPerRequest: MAX_PROCESS_STATUS_IDS })),
  description:
    "The record of an operation the gateway performed or is performing: every mutation returns one, so callers can " +
    "poll or subscribe to its outcome. Completed records are kept for a limited time " +
    "(PROCESS_STATUS_RETENTION), after which they are gone as if they never existed.",
  id: { resolve: (status) => status.id, parse: parseRawId },
  load: (ids: number[]) => loadLiveProcessStatuses(ids),
  sort: (status) => status.id,
  fields: (t) => ({
    entityId: t.exposeString("entityId", {
      description: "Id of the entity the operation affected (a global id where the entity is in this graph).",
    }),
    eventType: t.exposeString("eventType", {
      description: "The operation, e.g. CREATE_BATCH or SUBMIT_PROVISIONING_BATCH.",
    }),
    description: t.exposeString("description", { nullable: true, description: "What the operation did, in words." }),
    status: t.expose("status", {
      type: ProcessStateEnum,
      description: "PENDING while running, then SUCCESS, FAILURE or TIMEOUT (its deadline passed unfinished).",
    }),
    errorMessage: t.exposeString("errorMessage", { nullable: true, description: "Why the operation failed." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When the operation started." }),
    completedAt: t.expose("completedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it finished; null while PENDING.",
    }),
  }),
});
