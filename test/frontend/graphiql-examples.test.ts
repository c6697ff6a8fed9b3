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
  test("two tabs per domain: a first look and the questions", () => {
    const domains = ["production", "letters", "processes", "messages", "provisioning"];
    const tabs = domains.flatMap((domain) => [`${domain} overview`, `${domain} questions`]);
    expect(exampleOperations.map((example) => `${example.domain} ${example.kind}`)).toEqual(tabs);
  });

  const tabs = exampleOperations.map((example) => [`${example.domain} ${example.kind}`, example] as const);
  test("every tab is run below", () => expect(tabs).toHaveLength(10));
  test.each(tabs)("the %s example runs without errors and finds demo data", async (_name, example) => {
    const operations = parse(example.document).definitions.filter((d) => d.kind === "OperationDefinition");
    expect(operations).toHaveLength(1);
    const result = await post<Record<string, unknown>>({ query: example.document });
    expect(result.errors).toBeUndefined();
    for (const value of counted(Object.values(result.data!), { atLeast: 1 })) {
      const connection = value as { edges?: unknown[]; aggregate?: { count?: number; groupBy?: unknown[] } };
      const rows = Array.isArray(value) ? value : (connection.edges ?? connection.aggregate!.groupBy!);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((row) => row !== null)).toBe(true);
    }
  });

  test("every questions tab filters with where, orders with orderBy and counts with aggregate", () => {
    const questions = exampleOperations.filter((example) => example.kind === "questions");
    expect(questions).toHaveLength(5);
    for (const { domain, document } of questions) {
      for (const part of ["where:", "orderBy:", "aggregate", "groupBy("])
        expect(document, `${domain} ${part}`).toContain(part);
    }
  });

  test("the GraphiQL page opens with two tabs per domain and loads nothing from a CDN", async () => {
    const response = await yoga.fetch("http://gateway.test/graphql", { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const names = [
      "ProductionActiveBatches",
      "LettersRecentBatches",
      "ProcessesStatusLookup",
      "MessagesNewest",
      "ProvisioningLatestBatches",
    ];
    for (const name of [
      ...names,
      "ProductionQuestions",
      "LettersQuestions",
      "ProcessesQuestions",
      "MessagesQuestions",
      "ProvisioningQuestions",
    ]) {
      expect(html).toContain(`query ${name}`);
    }
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:|<link[^>]+href=["']?https?:[^>]+stylesheet|unpkg\.com/);
  });
});
