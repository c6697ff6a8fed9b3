import { builder } from "../../graphql/builder.ts";
import { parseId } from "../../graphql/ids.ts";
import { watch } from "../../graphql/watch.ts";
import { pubsub } from "../../data/pubsub.ts";
import { loadLiveProcessStatuses, ProcessStatusNode } from "./process-status.ts";

/** Tells watchers a process status changed; call after the change has committed. */
export function publishProcessStatus(processStatusId: number): void {
  pubsub.publish("processStatusChanged", processStatusId, { processStatusId });
}

builder.subscriptionField("processStatusChanged", (t) =>
  t.field({
    type: ProcessStatusNode,
    nullable: true,
    authScopes: { scope: "process-status:read" },
    description:
      "The process status now and after each change (e.g. PENDING → SUCCESS); null once it no longer exists.",
    args: { id: t.arg.id({ required: true, description: "Global id of the process status to watch." }) },
    subscribe: (_root, args) => {
      const id = parseId(args.id, "ProcessStatus", "id");
      // Read as every other reader does: expired is gone, overdue is TIMEOUT.
      const current = async () => (await loadLiveProcessStatuses([id]))[0] ?? null;
      return watch(pubsub.subscribe("processStatusChanged", id), current);
    },
    resolve: (status) => status,
  }),
);
