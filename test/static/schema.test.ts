import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { printedSchema } from "../../src/app/print.ts";

test("schema.graphql is the schema the code builds (run `npm run schema` after changing types)", () => {
  const committed = readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8");
  expect(committed).toBe(printedSchema());
});
