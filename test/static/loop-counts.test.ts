// No test passes when empty: every loop in test code that asserts over results counts them
// first (test/static/loop-counts.ts says what counts).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { uncountedLoops } from "./loop-counts.ts";

const TEST_DIR = new URL("..", import.meta.url).pathname;
const testCode = (readdirSync(TEST_DIR, { recursive: true }) as string[])
  .filter((file) => file.endsWith(".ts") && !file.startsWith("generated"))
  .map((file) => ({ file: `test/${file}`, text: readFileSync(join(TEST_DIR, file), "utf8") }));

test("every loop over results in test/ asserts how many there are first", () => {
  expect(testCode.length).toBeGreaterThan(100);
  const found = testCode.flatMap(({ file, text }) => uncountedLoops(text, file));
  expect(found.map(({ file, line, over }) => `${file}:${line} loops over ${over} without counting it`)).toEqual([]);
});

describe("the check", () => {
  const lines = (body: string) => uncountedLoops(`test("t", async () => {\n${body}\n});`, "t.ts").map((l) => l.line);

  test("finds loops that assert over an uncounted list, for...of and forEach", () => {
    expect(
      lines("const { edges } = await page();\nfor (const edge of edges) expect(edge.node).toBeDefined();"),
    ).toEqual([3]);
    expect(lines("const rows = await read();\nrows.forEach((row) => expect(row.id).toBe(1));")).toEqual([3]);
    expect(lines("for (const [i, row] of (await read()).entries()) { expect(row.id).toBe(i); }")).toEqual([2]);
  });

  test("a count of another list, after the loop, or in another function does not count", () => {
    expect(lines("const a = await read();\nexpect(b).toHaveLength(2);\nfor (const x of a) expect(x).toBe(1);")).toEqual(
      [4],
    );
    expect(lines("const a = await read();\nfor (const x of a) expect(x).toBe(1);\nexpect(a).toHaveLength(2);")).toEqual(
      [3],
    );
    expect(lines("const a = await read();\nexpect(a).toEqual([]);\nfor (const x of a) expect(x).toBe(1);")).toEqual([
      4,
    ]);
    expect(
      lines("const a = await read();\nconst f = () => expect(a).toHaveLength(2);\nfor (const x of a) expect(x);"),
    ).toEqual([4]);
  });

  test("finds test.each and describe.each tables counted nowhere in the file", () => {
    const file = (text: string) => uncountedLoops(text, "t.ts").map((l) => l.line);
    expect(file("const rows = walk();\ntest.each(rows)('%s', (row) => expect(row).toBeDefined());")).toEqual([2]);
    expect(file("const rows = walk();\ndescribe.each(rows.map((r) => [r]))('%s', () => {});")).toEqual([2]);
    expect(file("const a = walk();\ntest.each([...a])('%s', (x) => expect(x).toBe(1));")).toEqual([2]);
    const counted = "const rows = walk();\ntest('walked', () => expect(rows.length).toBeGreaterThan(5));\n";
    expect(
      file(`${counted}test.each(rows.map((r) => [r.name, r]))('%s', (_, row) => expect(row).toBeDefined());`),
    ).toEqual([]);
    expect(file("test.each(['a', 'b'])('%s', (x) => expect(x).toBeTruthy());")).toEqual([]);
  });

  test("accepts counted lists, fixed cases, nested walks, loops without assertions and explained ones", () => {
    const accepted = [
      "const a = await read();\nexpect(a).toHaveLength(2);\nfor (const x of a) expect(x).toBe(1);",
      "const r = await read();\nexpect(r.data!.list.length).toBeGreaterThan(0);\nfor (const x of r.data?.list) expect(x);",
      "const a = await read();\nexpect(a.map((x) => x.id).sort()).toEqual([1, 2]);\nfor (const x of a) expect(x);",
      "for (const x of counted(await read(), 2)) expect(x).toBe(1);",
      "for (const bad of ['', 'x']) expect(parse(bad)).toBeUndefined();",
      "const streams = await Promise.all(Array.from({ length: 3 }, open));\nfor (const s of streams) expect(s);",
      "const a = await read();\nexpect(a).toHaveLength(2);\nfor (const x of a) for (const y of x.children) expect(y);",
      "const a = await read();\nfor (const x of a) await x.close();",
      "const a = await read();\n// may be empty: nothing is left over\nfor (const x of a) expect(x).toBe(1);",
    ];
    expect(accepted.map(lines)).toEqual(accepted.map(() => []));
  });
});
