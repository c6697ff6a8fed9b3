// GraphiQL's example tabs run as they stand against the demo data seeded on first start,
// and the page is served without a CDN (these machines, and many offices, reach none).
import { parse } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { exampleOperations } from "../../src/pipeline/graphiql/examples.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { yoga } from "../../src/app/gateway.ts";
import { post } from "../client.ts";
import { counted } from "../counted.ts";

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
}, 120_000);

describe("GraphiQL example operations", () => {
  test("there is one example per domain", () => {
    const domains = ["production", "letters", "processes", "messages", "provisioning"];
    expect(exampleOperations.map((example) => example.domain)).toEqual(domains);
  });

  test.each(exampleOperations.map((example) => [example.domain, example] as const))(
    "the %s example runs without errors and finds demo data",
    async (_domain, example) => {
      const operations = parse(example.document).definitions.filter((d) => d.kind === "OperationDefinition");
      expect(operations).toHaveLength(1);
      const result = await post<Record<string, unknown>>({ query: example.document });
      expect(result.errors).toBeUndefined();
      for (const value of counted(Object.values(result.data!), { atLeast: 1 })) {
        const rows = Array.isArray(value) ? value : (value as { edges: unknown[] }).edges;
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.every((row) => row !== null)).toBe(true);
      }
    },
  );

  test("the GraphiQL page opens with one tab per domain and loads nothing from a CDN", async () => {
    const response = await yoga.fetch("http://gateway.test/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const name of [
      "ProductionActiveBatches",
      "LettersRecentBatches",
      "ProcessesStatusLookup",
      "MessagesNewest",
      "ProvisioningLatestBatches",
    ]) {
      expect(html).toContain(`query ${name}`);
    }
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:|<link[^>]+href=["']?https?:[^>]+stylesheet|unpkg\.com/);
  });
});
