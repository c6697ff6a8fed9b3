// Errors raised before execution — parsing, validation, variable coercion — are client errors
// with a code: a variable of the wrong type, a missing required one or an unknown enum value is
// BAD_USER_INPUT naming it, 400, before any SQL, counted by /metrics as BAD_USER_INPUT, on
// every transport and for every operation the suite and the sample client send.
import {
  type GraphQLInputType,
  type TypeNode,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
} from "graphql";
import { describe, expect, test } from "vitest";
import { db } from "../../src/data/db.ts";
import { schema } from "../../src/app/schema.ts";
import { yoga } from "../../src/app/gateway.ts";
import { post, recordStatements } from "../client.ts";
import { allOperations } from "../documents.ts";
import { globalId } from "../factories.ts";
import { startWebSocketServer, subscribeWs } from "../subscriptions/stream.ts";
import { counted } from "../counted.ts";

const CLIENT_ERROR_CODES = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
]);

/** A value graphql-js refuses for `type` (undefined when every value is valid, as for JSON). */
function wrongValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return wrongValue(type.ofType);
  if (isListType(type)) {
    const item = wrongValue(type.ofType);
    return item === undefined ? undefined : [item];
  }
  if (isEnumType(type)) return "BOGUS";
  if (isInputObjectType(type)) return 5;
  const wrong: Record<string, unknown> = {
    Int: "abc",
    Float: "abc",
    PositiveInt: 0,
    NonNegativeInt: -1,
    String: { a: 1 },
    ID: { a: 1 },
    Boolean: "yes",
    DateTime: "not-a-date",
    UUID: "not-a-uuid",
  };
  const name = getNamedType(type).name;
  if (name === "JSON") return undefined;
  if (!(name in wrong)) throw new Error(`no wrong value for scalar ${name}: add one`);
  return wrong[name];
}

function expectClientErrors(result: { status: number; errors?: readonly { extensions?: Record<string, unknown> }[] }) {
  expect(result.status).toBe(400);
  expect(result.errors?.length).toBeGreaterThan(0);
  for (const error of result.errors!) expect(CLIENT_ERROR_CODES).toContain(error.extensions?.code);
}

describe("variable errors", () => {
  const BATCHES =
    "query Batches($n: Int!, $f: BatchFilter, $o: [BatchOrder!]) " +
    "{ batches(first: $n, filter: $f, orderBy: $o) { totalCount } }";

  test.each([
    [
      "an unknown enum value",
      { n: 1, o: { field: "BOGUS" } },
      "o.field",
      /Value "BOGUS" does not exist in "BatchOrderField" enum/,
    ],
    ["a string for an Int", { n: "abc" }, "n", /Int cannot represent non-integer value: "abc"/],
    ["a missing Int!", {}, "n", /Variable "\$n" of required type "Int!" was not provided/],
    ["null for an Int!", { n: null }, "n", /must not be null/],
    ["an invalid DateTime inside an input object", { n: 1, f: { dueFrom: "not-a-date" } }, "f.dueFrom", /DateTime/],
    ["an unknown input field", { n: 1, f: { bogus: 1 } }, "f", /Field "bogus" is not defined by type "BatchFilter"/],
  ])("%s is BAD_USER_INPUT naming the variable, HTTP 400, before any SQL", async (_name, variables, field, message) => {
    const { result, statements } = await recordStatements(() => post({ query: BATCHES, variables }));
    expect(statements).toEqual([]);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(message);
    expect(result.errors![0]!.extensions).toEqual({ code: "BAD_USER_INPUT", field, variable: field.split(".")[0] });
  });

  test("a mutation with an invalid variable writes nothing, not even a FAILURE process status", async () => {
    const before = await db.prisma.processStatus.count();
    const result = await post({
      query: "mutation Create($input: CreateBatchInput!) { createBatch(input: $input) { batch { id } } }",
      variables: {
        input: {
          queueId: globalId("Queue", 1),
          workOrderId: globalId("WorkOrder", 1),
          label: "x",
          numberCycles: "many",
        },
      },
    });
    expectClientErrors(result);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.numberCycles" });
    expect(await db.prisma.processStatus.count()).toBe(before);
  });

  test("/metrics counts them as BAD_USER_INPUT, not INTERNAL_SERVER_ERROR", async () => {
    const scrape = async (code: string) => {
      const text = await (await yoga.fetch("http://gateway.test/metrics")).text();
      const line = text
        .split("\n")
        .find(
          (row) =>
            row.startsWith("gateway_graphql_errors_total{") &&
            row.includes(`code="${code}"`) &&
            row.includes('operationName="Batches"'),
        );
      return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
    };
    const [badBefore, internalBefore] = [await scrape("BAD_USER_INPUT"), await scrape("INTERNAL_SERVER_ERROR")];
    for (const variables of [{ n: "abc" }, {}, { n: 1, o: { field: "BOGUS" } }])
      expectClientErrors(await post({ query: BATCHES, variables }));
    expect((await scrape("BAD_USER_INPUT")) - badBefore).toBe(3);
    expect(await scrape("INTERNAL_SERVER_ERROR")).toBe(internalBefore);
  });

  test("over WebSocket too: a subscription with an invalid variable answers BAD_USER_INPUT", async () => {
    const server = await startWebSocketServer();
    try {
      const stream = await subscribeWs<{ errors?: { extensions?: Record<string, unknown> }[] }>(
        server.url,
        "subscription Watch($id: ID!) { processStatusChanged(id: $id) { id } }",
        { id: { not: "an id" } },
      );
      const result = await stream
        .next()
        .catch((error: unknown) => ({ errors: error as { extensions?: Record<string, unknown> }[] }));
      await stream.close();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    } finally {
      await server.stop();
    }
  });
});

describe("every operation of the suite and the sample client", () => {
  const operations = allOperations();

  test("there are operations to walk", () => {
    expect(operations.length).toBeGreaterThan(50);
  });

  test("a wrong value for any variable, or a missing required one, is a coded client error before SQL", async () => {
    let checked = 0;
    for (const operation of counted(operations, { atLeast: 50 })) {
      for (const definition of operation.definition.variableDefinitions ?? []) {
        const type = typeFromAST(schema, definition.type as TypeNode & { kind: never }) as GraphQLInputType;
        const cases: Record<string, unknown>[] = [];
        const wrong = wrongValue(type);
        if (wrong !== undefined) cases.push({ [definition.variable.name.value]: wrong });
        if (isNonNullType(type) && !definition.defaultValue) cases.push({});
        for (const variables of cases) {
          const { result, statements } = await recordStatements(() => post({ query: operation.text, variables }));
          expect(statements, `${operation.name} ${JSON.stringify(variables)}`).toEqual([]);
          expectClientErrors(result);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  test("parse and validation errors carry their codes too", async () => {
    expectClientErrors(await post({ query: "{ batches(first: 1) { totalCount }" }));
    expectClientErrors(await post({ query: "{ batches(first: 1) { nope } }" }));
    expectClientErrors(await post({ query: 'query { batches(first: "x") { totalCount } }' }));
  });
});
