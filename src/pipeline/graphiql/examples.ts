// Example operations shown in GraphiQL: two tabs per domain, a first look (`<domain>.graphql`)
// and the analyst's questions (`<domain>-questions.graphql`: a where filter, an ordering and an
// aggregate); each runs as it stands against the demo data seeded on first start (a test
// executes every one, and the browser test runs a questions tab through the UI).
import { readFileSync } from "node:fs";

/** The domains in the order their tabs appear. */
export const EXAMPLE_DOMAINS = ["production", "letters", "processes", "messages", "provisioning"] as const;

/** A first look at the domain, or questions answered with where, orderBy and aggregate. */
export type ExampleKind = "overview" | "questions";

export interface ExampleOperation {
  domain: (typeof EXAMPLE_DOMAINS)[number];
  kind: ExampleKind;
  /** The GraphQL document, comments included: they explain the domain to analysts. */
  document: string;
}

const fileOf = (domain: string, kind: ExampleKind) =>
  kind === "overview" ? `${domain}.graphql` : `${domain}-questions.graphql`;

export const exampleOperations: readonly ExampleOperation[] = EXAMPLE_DOMAINS.flatMap((domain) =>
  (["overview", "questions"] as const).map((kind) => ({
    domain,
    kind,
    document: readFileSync(new URL(`./examples/${fileOf(domain, kind)}`, import.meta.url), "utf8"),
  })),
);
