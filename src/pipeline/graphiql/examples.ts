// Example operations shown in GraphiQL, one tab per domain; each runs as it stands against
// the demo data seeded on first start (a test executes every one).
import { readFileSync } from "node:fs";

/** The domains in the order their tabs appear. */
export const EXAMPLE_DOMAINS = ["production", "letters", "processes", "messages", "provisioning"] as const;

export interface ExampleOperation {
  domain: (typeof EXAMPLE_DOMAINS)[number];
  /** The GraphQL document, comments included: they explain the domain to analysts. */
  document: string;
}

export const exampleOperations: readonly ExampleOperation[] = EXAMPLE_DOMAINS.map((domain) => ({
  domain,
  document: readFileSync(new URL(`./examples/${domain}.graphql`, import.meta.url), "utf8"),
}));
