// Query, body and batch limits: refused with a code, before any SQL runs (rate limits: rate-limit.test.ts).
import { describe, expect, test } from "vitest";
import { post, recordStatements } from "../client.ts";

/** batches → workOrder → batches → … : each loop adds four levels of depth. */
function deepQuery(loops: number): string {
  let selection = "id";
  for (let i = 0; i < loops; i++) selection = `workOrder { batches(first: 1) { edges { node { ${selection} } } } }`;
  return `{ batches(first: 1) { edges { node { ${selection} } } } }`;
}

async function refusedWithoutSql(body: unknown) {
  const { result, statements } = await recordStatements(() => post(body));
  expect(statements).toEqual([]);
  return result;
}

describe("query limits", () => {
  test("too deep: LIMIT_EXCEEDED naming the limit, no SQL", async () => {
    expect((await post({ query: deepQuery(2) })).errors).toBeUndefined();
    const result = await refusedWithoutSql({ query: deepQuery(4) });
    expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(result.errors?.[0]?.message).toMatch(/depth limit of 15/);
  });

  test("too many aliases", async () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: batches(first: 1) { totalCount }`).join(" ");
    const result = await refusedWithoutSql({ query: `{ ${aliases} }` });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "LIMIT_EXCEEDED" } });
    expect(result.errors?.[0]?.message).toMatch(/Aliases limit of 30/);
  });

  test("too many tokens", async () => {
    const result = await refusedWithoutSql({ query: `{ ${"__typename ".repeat(5001)} }` });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "LIMIT_EXCEEDED" } });
    expect(result.errors?.[0]?.message).toMatch(/Token limit of 5000/);
  });

  test("too many objects: LIMIT_EXCEEDED naming MAX_QUERY_NODES (test/security/query-cost.test.ts has the rule)", async () => {
    const wide = Array.from(
      { length: 25 },
      (_, i) => `b${i}: batches(first: 100) { edges { node { id cycles(first: 100) { edges { node { id } } } } } }`,
    ).join(" ");
    const result = await refusedWithoutSql({ query: `{ ${wide} }` });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "LIMIT_EXCEEDED" } });
    expect(result.errors?.[0]?.message).toMatch(/MAX_QUERY_NODES/);
  });
});

describe("request limits", () => {
  test("a body over MAX_BODY_BYTES is 413 with LIMIT_EXCEEDED", async () => {
    const result = await post({ query: `{ __typename }`, variables: { pad: "x".repeat(1_000_001) } });
    expect(result.status).toBe(413);
    expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
  });

  test("more than 10 operations in one batched request are refused", async () => {
    const operations = Array.from({ length: 11 }, () => ({ query: "{ __typename }" }));
    const { result, statements } = await recordStatements(() => post(operations));
    expect(statements).toEqual([]);
    expect(result.status).toBeGreaterThanOrEqual(400);
    const ten = await post<unknown>(operations.slice(0, 10));
    expect(ten.status).toBe(200);
  });
});
