// Every String, ID and JSON argument and input field has a documented maximum length, and a
// value over it, or holding a NUL character, is BAD_USER_INPUT naming the argument path —
// before any SQL, for literals and variables, in nested input objects and lists alike. The
// walks generate one request per argument path of every root field (text-arguments.ts).
import { readFileSync } from "node:fs";
import {
  type GraphQLArgument,
  type GraphQLInputField,
  buildSchema,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
} from "graphql";
import { describe, expect, test } from "vitest";
import { limitOf } from "../../src/graphql/transforms/input-limits.ts";
import { schema } from "../../src/app/schema.ts";
import { post, recordStatements } from "../client.ts";
import { isText, textRequests } from "./text-arguments.ts";

type Coordinate = { coordinate: string; value: GraphQLArgument | GraphQLInputField };

/** The arguments and input fields of a schema, each with its coordinate. */
function inputValues(target = schema): Coordinate[] {
  const found: Coordinate[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    const withFields = isObjectType(type) || isInterfaceType(type) || isInputObjectType(type);
    for (const field of withFields ? Object.values(type.getFields()) : []) {
      const at = `${type.name}.${field.name}`;
      if (!("args" in field)) found.push({ coordinate: at, value: field });
      else for (const arg of field.args) found.push({ coordinate: `${at}(${arg.name}:)`, value: arg });
    }
  }
  return found;
}

test("String, ID and JSON arguments and input fields carry a maximum length, named in their description", () => {
  const printed = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
  const described = new Map(inputValues(printed).map(({ coordinate, value }) => [coordinate, value.description ?? ""]));
  const texts = inputValues().filter(({ value }) => isText(value.type));
  expect(texts.length).toBeGreaterThan(100);
  const documented = ({ coordinate, value }: Coordinate) => {
    const limit = limitOf(value);
    return limit !== undefined && new RegExp(`\\b${limit} characters`).test(described.get(coordinate) ?? "");
  };
  expect(texts.filter((text) => !documented(text)).map(({ coordinate }) => coordinate)).toEqual([]);
});

async function refusedNaming(body: unknown, field: string) {
  const { result, statements } = await recordStatements(() => post(body));
  expect(statements).toEqual([]);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(result.status).toBe(400);
  return result;
}

const nulRequests = textRequests(schema, () => "a\u0000b");
const longRequests = textRequests(schema, (limit) => "x".repeat(limit + 1));

describe("a NUL character in any text argument is BAD_USER_INPUT naming its path, before any SQL", () => {
  test("the walk reaches filters, mutation inputs and nested lists", () => {
    expect(nulRequests.length).toBeGreaterThan(60);
    expect(longRequests.length).toBeGreaterThan(60);
    const names = [
      "batches(filter.labelContains)",
      "sendMessages(input.messages[0].text)",
      "submitProvisioningBatch(input.requests[0].requestId)",
    ];
    expect(nulRequests.map((request) => request.name)).toEqual(expect.arrayContaining(names));
  });

  test.each(nulRequests.map((request) => [request.name, request] as const))("%s", async (_name, request) => {
    const result = await refusedNaming(request.body, request.field);
    expect(result.errors?.[0]?.message).toMatch(/NUL/);
  });
});

describe("a text argument longer than its limit is BAD_USER_INPUT naming its path, before any SQL", () => {
  test.each(longRequests.map((request) => [request.name, request] as const))("%s", async (_name, request) => {
    const result = await refusedNaming(request.body, request.field);
    expect(result.errors?.[0]?.message).toMatch(/at most \d+ characters/);
  });

  test("the issue's 900,000-character labelContains, as a variable and as a literal", async () => {
    const query = "query($v: String) { batches(first: 5, filter: { labelContains: $v }) { totalCount } }";
    await refusedNaming({ query, variables: { v: "x".repeat(900_000) } }, "filter.labelContains");
    const literal = `{ batches(first: 5, filter: { labelContains: "${"x".repeat(201)}" }) { totalCount } }`;
    await refusedNaming({ query: literal }, "filter.labelContains");
  });

  test("a JSON argument is capped as JSON text, and by depth", async () => {
    const submit = "submitProvisioningBatch(input: $input) { batch { id } }";
    const query = `mutation($input: SubmitProvisioningBatchInput!) { ${submit} }`;
    const requests = (body: unknown) => [{ method: "PATCH", resource: "subscriptions/msisdn:46700000001", body }];
    const variables = { input: { type: "SINGLE", requests: requests({ note: "x".repeat(4_000) }) } };
    const big = await refusedNaming({ query, variables }, "input.requests[0].body");
    expect(big.errors?.[0]?.message).toMatch(/at most 4000 characters as JSON/);
    let deep: unknown = true;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const body = JSON.stringify(deep).replace(/"a"/g, "a");
    const input = `{ type: SINGLE, requests: [{ method: "PATCH", resource: "x", body: ${body} }] }`;
    const literal = `mutation { submitProvisioningBatch(input: ${input}) { batch { id } } }`;
    await refusedNaming({ query: literal }, "input.requests[0].body");
  });
});
