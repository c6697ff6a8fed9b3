// Every String, ID and JSON argument and input field has a documented maximum length, and a
// value over it, or holding a NUL character, is BAD_USER_INPUT naming the argument path —
// before any SQL, for literals and variables, in nested input objects and lists alike. The
// walks below generate one request per argument path of every root field.
import { readFileSync } from "node:fs";
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  buildSchema,
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { describe, expect, test } from "vitest";
import { DEFAULT_MAX_LENGTH, limitOf } from "../../src/graphql/input-limits.ts";
import { schema } from "../../src/graphql/schema.ts";
import { post, recordStatements } from "../client.ts";
import { sample } from "./samples.ts";

const TEXT_SCALARS = new Set(Object.keys(DEFAULT_MAX_LENGTH));
const isText = (type: GraphQLInputType) => TEXT_SCALARS.has(getNamedType(type).name);

type InputValue = GraphQLArgument | GraphQLInputField;

/** The arguments and input fields of the schema, each with its coordinate. */
function inputValues(target = schema): { coordinate: string; value: InputValue }[] {
  const found: { coordinate: string; value: InputValue }[] = [];
  for (const type of Object.values(target.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) found.push({ coordinate: `${type.name}.${field.name}(${arg.name}:)`, value: arg });
      }
    }
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) found.push({ coordinate: `${type.name}.${field.name}`, value: field });
  }
  return found;
}

describe("every text argument has a documented limit", () => {
  const printed = buildSchema(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"));
  const texts = inputValues().filter(({ value }) => isText(value.type));

  test("String, ID and JSON arguments and input fields carry a maximum length, named in their description", () => {
    expect(texts.length).toBeGreaterThan(100);
    const described = new Map(inputValues(printed).map(({ coordinate, value }) => [coordinate, value.description ?? ""]));
    const gaps = texts
      .filter(({ coordinate, value }) => {
        const limit = limitOf(value);
        return limit === undefined || !new RegExp(`\\b${limit} characters`).test(described.get(coordinate) ?? "");
      })
      .map(({ coordinate }) => coordinate);
    expect(gaps).toEqual([]);
  });
});

/** Every path to a text value below an argument, e.g. input.requests[0].body, with its type and limit. */
function textPaths(name: string, type: GraphQLInputType, limit: number | undefined, depth = 0): { path: string[]; limit: number }[] {
  const named = getNamedType(type);
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  const here = list ? [name, "0"] : [name];
  if (isText(type)) return [{ path: here, limit: limit ?? DEFAULT_MAX_LENGTH[named.name]! }];
  if (!isInputObjectType(named) || depth > 4) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    textPaths(field.name, field.type, limitOf(field), depth + 1).map((found) => ({ ...found, path: [...here, ...found.path] })),
  );
}

const fieldPath = (path: string[]) => path.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");

/** Sets the value at `path` (below argument `arg`), filling missing input objects with their required fields. */
function setAt(root: Record<string, unknown>, arg: GraphQLArgument, path: string[], value: unknown) {
  let node = root as Record<string, unknown>;
  let type: GraphQLInputType = arg.type;
  path.forEach((part, i) => {
    const unwrapped = isNonNullType(type) ? type.ofType : type;
    if (i > 0) type = isListType(unwrapped) ? unwrapped.ofType : (getNamedType(unwrapped) as { getFields(): Record<string, GraphQLInputField> }).getFields()[part]!.type;
    if (i === path.length - 1) node[part] = getNamedType(type).name === "JSON" ? { text: value } : value;
    else node = (node[part] ??= sample(type)) as Record<string, unknown>;
  });
}

const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].flatMap((root) =>
  Object.values(root?.getFields() ?? {}).map((field) => ({ kind: root!.name.toLowerCase(), field })),
);

function requestsFor(kind: string, field: GraphQLField<unknown, unknown>, hostile: (limit: number) => string) {
  const declared = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = "getFields" in getNamedType(field.type) ? " { __typename }" : "";
  const query = `${kind}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`;
  return field.args.flatMap((arg) =>
    textPaths(arg.name, arg.type, limitOf(arg)).map(({ path, limit }) => {
      const variables: Record<string, unknown> = Object.fromEntries(
        field.args.filter((other) => isNonNullType(other.type)).map((other) => [other.name, sample(other.type)]),
      );
      setAt(variables, arg, path, hostile(limit));
      return { name: `${field.name}(${fieldPath(path)})`, field: fieldPath(path), body: { query, variables } };
    }),
  );
}

const nulRequests = roots.flatMap(({ kind, field }) => requestsFor(kind, field, () => "a\u0000b"));
const longRequests = roots.flatMap(({ kind, field }) => requestsFor(kind, field, (limit) => "x".repeat(limit + 1)));

async function refusedNaming(body: unknown, field: string) {
  const { result, statements } = await recordStatements(() => post(body));
  expect(statements).toEqual([]);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  expect(result.status).toBe(400);
  return result;
}

describe("a NUL character in any text argument is BAD_USER_INPUT naming its path, before any SQL", () => {
  test("the walk reaches filters, mutation inputs and nested lists", () => {
    expect(nulRequests.length).toBeGreaterThan(60);
    expect(nulRequests.map((request) => request.name)).toEqual(
      expect.arrayContaining(["batches(filter.labelContains)", "sendMessages(input.messages[0].text)", "submitProvisioningBatch(input.requests[0].requestId)"]),
    );
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
    const huge = "x".repeat(900_000);
    const query = "query($v: String) { batches(first: 5, filter: { labelContains: $v }) { totalCount } }";
    await refusedNaming({ query, variables: { v: huge } }, "filter.labelContains");
    await refusedNaming({ query: `{ batches(first: 5, filter: { labelContains: "${"x".repeat(201)}" }) { totalCount } }` }, "filter.labelContains");
  });

  test("a JSON argument is capped as JSON text, and by depth", async () => {
    const query = "mutation($input: SubmitProvisioningBatchInput!) { submitProvisioningBatch(input: $input) { batch { id } } }";
    const request = (body: unknown) => ({ input: { type: "SINGLE", requests: [{ method: "PATCH", resource: "subscriptions/msisdn:46700000001", body }] } });
    const big = await refusedNaming({ query, variables: request({ note: "x".repeat(4_000) }) }, "input.requests[0].body");
    expect(big.errors?.[0]?.message).toMatch(/at most 4000 characters as JSON/);
    let deep: unknown = true;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    const literal = JSON.stringify(deep).replace(/"a"/g, "a");
    const nested = `mutation { submitProvisioningBatch(input: { type: SINGLE, requests: [{ method: "PATCH", resource: "x", body: ${literal} }] }) { batch { id } } }`;
    await refusedNaming({ query: nested }, "input.requests[0].body");
  });
});
