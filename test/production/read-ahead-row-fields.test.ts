// A batches page reads ahead its batches' work orders, queues and locations with only the
// columns the selected fields need (the *_FIELD_READS maps beside each type). Every field of
// those types, selected alone, must answer through the page exactly as through nodes(ids:),
// which reads whole rows.
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { fieldSelections } from "./selections.ts";
import { counted } from "../counted.ts";

/** Where each type sits below a batch, given the selection on it. */
const PLACES: Record<string, (selection: string) => string> = {
  WorkOrder: (selection) => `workOrder { ${selection} }`,
  Queue: (selection) => `queue { ${selection} }`,
  Location: (selection) => `location { ${selection} } queue { location { ${selection} } }`,
};

/** A work order, queue and location with every nullable column holding a value. */
async function batchesWithFullRows() {
  const created = await createBatches(2);
  const when = new Date("2026-05-01T08:00:00Z");
  await prisma.workOrder.update({
    where: { id: created.workOrder.id },
    data: { description: "500 iPads", workflow: "ipad-setup", beginDate: when, startDate: when, endDate: when },
  });
  await prisma.location.update({
    where: { id: created.location.id },
    data: { address: { city: "Kraków", street: "Rynek 1" } },
  });
  return created;
}

const selections = [...fieldSelections("WorkOrder"), ...fieldSelections("Queue"), ...fieldSelections("Location")];

describe("read-ahead relations read only the columns the selection needs", () => {
  test("every field of the three types is selected alone", () => expect(selections.length).toBeGreaterThan(20));

  test.each(selections)(
    "%s.%s answers the same through a batches page as through nodes(ids:)",
    async (typeName, _name, selection) => {
      const { workOrder, queue, location } = await batchesWithFullRows();
      const viaPage = await post<{ batches: { edges: { node: Record<string, Record<string, unknown>> }[] } }>({
        query: `query ($workOrder: ID!) {
          batches(first: 2, filter: { workOrderIds: [$workOrder] }) { edges { node { ${PLACES[typeName]!(selection)} } } }
        }`,
        variables: { workOrder: globalId("WorkOrder", workOrder.id) },
      });
      const id = { WorkOrder: workOrder.id, Queue: queue.id, Location: location.id }[typeName]!;
      const viaNode = await post<{ nodes: Record<string, unknown>[] }>({
        query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${typeName} { ${selection} } } }`,
        variables: { ids: [globalId(typeName, id)] },
      });
      expect(viaPage.errors).toBeUndefined();
      expect(viaNode.errors).toBeUndefined();
      const expected = viaNode.data!.nodes[0];
      for (const { node } of counted(viaPage.data?.batches.edges, 2)) {
        if (typeName === "Location") {
          expect(node.location).toEqual(expected);
          expect(node.queue!.location).toEqual(expected);
        } else {
          expect(node[typeName === "WorkOrder" ? "workOrder" : "queue"]).toEqual(expected);
        }
      }
    },
  );

  test("a page showing a work order's label reads neither its other columns nor the loaders' whole rows", async () => {
    const { workOrder } = await batchesWithFullRows();
    const { result, statements } = await recordStatements(() =>
      post({
        query: `query ($workOrder: ID!) { batches(first: 2, filter: { workOrderIds: [$workOrder] }) { edges { node { workOrder { label } } } } }`,
        variables: { workOrder: globalId("WorkOrder", workOrder.id) },
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toContain('"label"');
    expect(statements[0]).not.toContain("workflow");
  });

  test("a field needing another row of the same work order still gets a whole one", async () => {
    const { workOrder } = await batchesWithFullRows();
    const result = await post<{
      batches: { edges: { node: { workOrder: { label: string }; project: { label: string } } }[] };
    }>({
      query: `query ($workOrder: ID!) {
        batches(first: 2, filter: { workOrderIds: [$workOrder] }) { edges { node { workOrder { label } project { label } } } }
      }`,
      variables: { workOrder: globalId("WorkOrder", workOrder.id) },
    });
    expect(result.errors).toBeUndefined();
    const project = await prisma.project.findUniqueOrThrow({ where: { id: workOrder.projectId } });
    for (const { node } of counted(result.data?.batches.edges, 2))
      expect(node).toEqual({ workOrder: { label: workOrder.label }, project: { label: project.label } });
  });
});
