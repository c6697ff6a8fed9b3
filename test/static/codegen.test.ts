import { readFileSync } from "node:fs";
import { generate } from "@graphql-codegen/cli";
import { expect, test } from "vitest";
import config from "../../codegen.ts";

test("test/generated is what codegen makes from schema.graphql and the operations (run `npm run codegen`)", async () => {
  const outputs = await generate({ ...config, cwd: new URL("../..", import.meta.url).pathname, silent: true }, false);
  expect(outputs.length).toBeGreaterThan(0);
  for (const output of outputs) {
    const committed = readFileSync(new URL(`../../${output.filename}`, import.meta.url), "utf8");
    expect(committed, output.filename).toBe(output.content);
  }
});
