import { expect, test } from "vitest";
import { post } from "../client.ts";
import { create, drain, numbers } from "../provisioning/factories.ts";
import { subscribeSse } from "./stream.ts";

type BatchEvent = { data?: { provisioningBatchUpdated: { status: string } | null } };
type FeedEvent = { data?: { events: { type: string; batch: { id: string } } } };

test("provisioningBatchUpdated follows a batch to COMPLETED, and the events feed carries its events live", async () => {
  const submitted = await post<{ submitProvisioningBatch: { batch: { id: string } } }>({
    query:
      "mutation($input: SubmitProvisioningBatchInput!) { submitProvisioningBatch(input: $input) { batch { id } } }",
    variables: { input: { requests: [create(numbers(), "first"), create(numbers(), "second")] } },
  });
  const batchId = submitted.data!.submitProvisioningBatch.batch.id;
  const batch = await subscribeSse<BatchEvent>(
    "subscription($id: ID!) { provisioningBatchUpdated(id: $id) { status } }",
    { id: batchId },
  );
  const feed = await subscribeSse<FeedEvent>(
    "subscription($filter: ProvisioningEventFilter) { events(filter: $filter) { type batch { id } } }",
    { filter: { batchId, type: "BATCH_COMPLETED" } },
  );
  expect((await batch.next()).data?.provisioningBatchUpdated?.status).toBe("INITIALISING");

  await drain();
  const statuses: string[] = [];
  while (statuses.at(-1) !== "COMPLETED") statuses.push((await batch.next()).data!.provisioningBatchUpdated!.status);
  expect(statuses).toContain("COMPLETED");
  expect((await feed.next()).data?.events).toEqual({ type: "BATCH_COMPLETED", batch: { id: batchId } });
  await Promise.all([batch.close(), feed.close()]);
});
