import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { subscribeSse } from "./stream.ts";

const WATCH = `subscription Watch($id: ID!) {
  batchStatusChanged(id: $id) { label currentStatus { category } cycleCounts { pending inProgress complete } }
}`;
type Counts = { pending: number; inProgress: number; complete: number };
type Event = { data?: { batchStatusChanged: { cycleCounts: Counts } | null } };

const setCycle = (id: number, category: string) =>
  post({
    query: "mutation($input: UpdateCycleStatusInput!) { updateCycleStatus(input: $input) { cycle { id } } }",
    variables: { input: { id: globalId("Cycle", id), category } },
  });

test("batchStatusChanged follows the cycle counts as cycles move, fresh each time", async () => {
  const { batches } = await createBatches(1);
  const batch = batches[0]!;
  const cycles = await prisma.cycle.findMany({ where: { batchId: batch.id }, orderBy: { id: "asc" } });
  const stream = await subscribeSse<Event>(WATCH, { id: globalId("Batch", batch.id) });
  const counts = async () => (await stream.next()).data?.batchStatusChanged?.cycleCounts;

  expect(await counts()).toEqual({ pending: 3, inProgress: 0, complete: 0 });
  expect((await setCycle(cycles[0]!.id, "IN_PROGRESS")).errors).toBeUndefined();
  expect(await counts()).toEqual({ pending: 2, inProgress: 1, complete: 0 });
  await setCycle(cycles[0]!.id, "COMPLETE");
  expect(await counts()).toEqual({ pending: 2, inProgress: 0, complete: 1 });

  await post({
    query: "mutation($input: DeleteBatchInput!) { deleteBatch(input: $input) { deletedBatchId } }",
    variables: { input: { id: globalId("Batch", batch.id) } },
  });
  expect((await stream.next()).data?.batchStatusChanged).toBeNull();
  await stream.close();
});
