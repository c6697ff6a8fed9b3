// A batch's cycles page reads only the columns its selected fields need (CYCLE_FIELD_READS in
// src/domains/production/cycle/cycle.ts). Every Cycle field, selected alone, must answer through the page
// exactly as through node(id:), which reads whole rows.
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { post, recordStatements } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { fieldSelections } from "./selections.ts";

type Page = { node: { cycles: { edges: { node: Record<string, unknown> }[] } } };
type Nodes = { nodes: Record<string, unknown>[] };

const selections = fieldSelections("Cycle");

describe("cycle pages read only the columns the selection needs", () => {
  test("every Cycle field without arguments is selected alone", () => expect(selections.length).toBeGreaterThan(5));

  test.each(selections)(
    "%s.%s answers the same through a batch's page as through nodes(ids:)",
    async (_type, _name, selection) => {
      const { batches } = await createBatches(1);
      const cycles = await prisma.cycle.findMany({ where: { batchId: batches[0]!.id }, orderBy: { id: "asc" } });
      // Every nullable or defaulted column holds a value somewhere, so a column left unread shows.
      const tech = await prisma.user.create({ data: { name: "Tech", email: `tech-${cycles[1]!.id}@example.com` } });
      await prisma.cycle.update({
        where: { id: cycles[1]!.id },
        data: {
          isRetry: true,
          statusCategory: "BLOCKED",
          statusLabel: "Waiting",
          statusDescription: "Waiting for parts",
          statusOrder: 4,
          assignedUserId: tech.id,
        },
      });
      const viaPage = await post<Page>({
        query: `query ($id: ID!) { node(id: $id) { ... on Batch { cycles(first: 10) { edges { node { ${selection} } } } } } }`,
        variables: { id: globalId("Batch", batches[0]!.id) },
      });
      const viaNodes = await post<Nodes>({
        query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Cycle { ${selection} } } }`,
        variables: { ids: cycles.map((cycle) => globalId("Cycle", cycle.id)) },
      });
      expect(viaPage.errors).toBeUndefined();
      expect(viaNodes.errors).toBeUndefined();
      expect(viaPage.data!.node.cycles.edges.map((edge) => edge.node)).toEqual(viaNodes.data!.nodes);
    },
  );

  test("a page of ids and labels reads neither timestamps nor relations", async () => {
    const { batches } = await createBatches(1);
    const { statements } = await recordStatements(() =>
      post({
        query: `query ($id: ID!) { node(id: $id) { ... on Batch { cycles(first: 10) { edges { cursor node { id label } } } } } }`,
        variables: { id: globalId("Batch", batches[0]!.id) },
      }),
    );
    const page = statements.find((sql) => sql.includes("json_build_array"));
    expect(page).toBeDefined();
    expect(page).toContain('"label"');
    expect(page).not.toContain("updated_at");
    expect(page).not.toContain("assigned_user_id");
  });

  test("two selections of the same page in one query each get their fields", async () => {
    const { batches } = await createBatches(1);
    type Nodes<T> = { cycles: { edges: { node: T }[] } };
    const result = await post<{ a: Nodes<{ label: string }>; b: Nodes<{ position: number; createdAt: string }> }>({
      query: `query ($id: ID!) {
        a: node(id: $id) { ... on Batch { cycles(first: 3) { edges { node { label } } } } }
        b: node(id: $id) { ... on Batch { cycles(first: 3) { edges { node { position createdAt } } } } }
      }`,
      variables: { id: globalId("Batch", batches[0]!.id) },
    });
    expect(result.errors).toBeUndefined();
    const [a, b] = [
      result.data!.a.cycles.edges.map((edge) => edge.node),
      result.data!.b.cycles.edges.map((edge) => edge.node),
    ];
    expect(a.every((cycle) => typeof cycle.label === "string")).toBe(true);
    expect(b.map((cycle) => cycle.position)).toEqual([1, 2, 3]);
    expect(b.every((cycle) => !Number.isNaN(Date.parse(cycle.createdAt)))).toBe(true);
  });
});
