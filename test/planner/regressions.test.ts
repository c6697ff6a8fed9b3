// Queries that once answered wrongly through the speed machinery, answered right now.
import { expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post, recordStatements } from "../client.ts";
import { createBatches } from "../factories.ts";

test(
  "a queue read for its stats and again through a cycle keeps every location column (issue: " +
    "Location.locationType null)",
  async () => {
    const { location } = await createBatches(1, { numberCycles: 2 });
    await prisma.location.update({
      where: { id: location.id },
      data: { formattedAddress: "431 Broadway, Menands NY" },
    });
    const query = `{ batches(first: 1) { edges { node {
    queue { activeBatches location { label } }
    cycles(first: 1) { edges { node { batch { queue { location { formattedAddress locationType } } } } } }
  } } } }`;
    const { result, statements } = await recordStatements(() =>
      post<{ batches: { edges: { node: Record<string, any> }[] } }>({ query }),
    );
    expect(result.errors).toBeUndefined();
    const edges = result.data!.batches.edges;
    expect(edges).toHaveLength(1);
    expect(edges[0]!.node.queue.location.label).toBe(location.label);
    expect(edges[0]!.node.cycles.edges).toHaveLength(1);
    expect(edges[0]!.node.cycles.edges[0].node.batch.queue.location).toEqual({
      formattedAddress: "431 Broadway, Menands NY",
      locationType: "warehouse",
    });
    expect(statements).toHaveLength(1);
  },
);
