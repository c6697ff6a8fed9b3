// `labelContains` matches `%`, `_` and `\` literally on every list that has it: batches (db.query
// ILIKE), work orders and queues (Prisma's `contains`, which passes them to LIKE as they are).
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post } from "../client.ts";
import { createBatches, createQueue, createWorkOrder } from "../factories.ts";

const LABELS = ["Run 100% done", "Run 1000 done", "Run a_b", "Run axb", "Run c\\d", "Run cd"];

/** Every label made here carries a marker, so other tests' rows never match. */
async function labelled(list: "batches" | "workOrders" | "queues", marker: string): Promise<void> {
  const labels = LABELS.map((label) => `${marker} ${label}`);
  if (list === "batches") {
    const { batches } = await createBatches(labels.length);
    for (const [i, batch] of batches.entries()) {
      await prisma.batch.update({ where: { id: batch.id }, data: { label: labels[i]! } });
    }
  } else {
    for (const label of labels) {
      const made = list === "queues" ? await createQueue() : await createWorkOrder();
      if (list === "queues") await prisma.queue.update({ where: { id: made.id }, data: { label } });
      else await prisma.workOrder.update({ where: { id: made.id }, data: { label } });
    }
  }
}

async function matching(list: string, text: string): Promise<string[]> {
  const query = `query($text: String) {
    ${list}(first: 100, filter: { labelContains: $text }) { edges { node { label } } }
  }`;
  const result = await post<Record<string, { edges: { node: { label: string } }[] }>>({ query, variables: { text } });
  expect(result.errors).toBeUndefined();
  return result.data![list]!.edges.map((edge) => edge.node.label).sort();
}

describe.each(["batches", "workOrders", "queues"] as const)("%s(filter: { labelContains })", (list) => {
  test("matches % and _ and \\ as themselves", async () => {
    const marker = `${list}-literal`;
    await labelled(list, marker);
    expect(await matching(list, `${marker} Run 100%`)).toEqual([`${marker} Run 100% done`]);
    expect(await matching(list, "a_b")).toEqual([`${marker} Run a_b`]);
    expect(await matching(list, "c\\d")).toEqual([`${marker} Run c\\d`]);
    expect(await matching(list, `${marker} run A`)).toEqual([`${marker} Run a_b`, `${marker} Run axb`]);
  });
});
