// The compiled executor (graphql-jit) answers exactly as graphql-js: every operation of the
// suite and the sample client, plus shapes where executors have differed, runs through a
// gateway with each executor against the same demo data, and the responses must match byte for
// byte (after naming the instants written during the test and the cursors by their order).
// Mutations run in the same order after a reseed with the same `now`, so both see equal rows.
import { getOperationAST, isNonNullType, parse, typeFromAST } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { isCompilable } from "../../src/graphql/execution/compiled-execution.ts";
import { schema } from "../../src/app/schema.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { tokenFor } from "../client.ts";
import { allOperations } from "../documents.ts";
import { type Shape, type World, shapes, variablesFor, worldFacts } from "./variables.ts";

const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const started = Date.now();
const executors = { graphqlJs: createGateway({ compiledExecution: false }), compiled: createGateway() };
type Executor = keyof typeof executors;

interface Run extends Pick<Shape, "kind" | "text" | "variables" | "moreErrorsUnderNulledParent"> {
  name: string;
}

const CURSOR_KEYS = new Set(["cursor", "startCursor", "endCursor"]);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The response with instants written during the test and cursors replaced by stable names. */
function normalised(text: string): string {
  const cursors = new Map<string, string>();
  const walk = (value: unknown, key?: string): unknown => {
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    if (typeof value !== "string") return value;
    if (key && CURSOR_KEYS.has(key)) {
      if (!cursors.has(value)) cursors.set(value, `<cursor ${cursors.size + 1}>`);
      return cursors.get(value);
    }
    if (ISO.test(value) && Date.parse(value) >= started - 1000 && Date.parse(value) < started + 3_600_000)
      return "<written during the test>";
    return value;
  };
  return JSON.stringify(walk(JSON.parse(text)));
}

let token: string;
async function send(executor: Executor, run: Run) {
  const response = await executors[executor].fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query: run.text, variables: run.variables }),
  });
  return { status: response.status, body: normalised(await response.text()) };
}

function runsOf(world: World): Run[] {
  const table = variablesFor(world);
  const missing: string[] = [];
  const runs: Run[] = [];
  for (const operation of allOperations()) {
    if (operation.kind === "subscription") continue;
    const required = (operation.definition.variableDefinitions ?? []).filter(
      (v) => isNonNullType(typeFromAST(schema, v.type as never)) && !v.defaultValue,
    );
    const sets = table[operation.name] ?? (required.length ? undefined : [{}]);
    if (!sets) missing.push(operation.name);
    for (const variables of sets ?? [])
      runs.push({ name: operation.name, kind: operation.kind, text: operation.text, variables });
  }
  expect(missing, "operations with required variables and no entry in test/execution/variables.ts").toEqual([]);
  return [...runs, ...shapes(world).map((shape) => ({ ...shape, name: `shape: ${shape.name}` }))];
}

/** Reseeds the same rows, then sends every query, every mutation, and every query again. */
async function answersOf(executor: Executor): Promise<{ run: Run; status: number; body: string }[]> {
  await seedDemoData(prisma, { scale: 1, reset: true, now: NOW });
  const runs = runsOf(await worldFacts(NOW));
  const ordered = [
    ...runs.filter((r) => r.kind === "query"),
    ...runs.filter((r) => r.kind === "mutation"),
    ...runs.filter((r) => r.kind === "query"),
  ];
  const answers = [];
  for (const run of ordered) answers.push({ run, ...(await send(executor, run)) });
  return answers;
}

describe("graphql-js and the compiled executor answer alike", () => {
  let answers: Record<Executor, Awaited<ReturnType<typeof answersOf>>>;
  beforeAll(async () => {
    token = await tokenFor();
    answers = { graphqlJs: await answersOf("graphqlJs"), compiled: await answersOf("compiled") };
  }, 300_000);

  test("every operation (and shape) ran through both, and most found data", () => {
    expect(answers.compiled.length).toBe(answers.graphqlJs.length);
    expect(answers.graphqlJs.length).toBeGreaterThan(150);
    const withData = answers.graphqlJs.filter((answer) => answer.status === 200 && !answer.body.includes('"errors"'));
    expect(withData.length / answers.graphqlJs.length).toBeGreaterThan(0.8);
  });

  test("each response is the same, byte for byte, status included", () => {
    const differences = answers.graphqlJs
      .map((js, i) => ({ js, compiled: answers.compiled[i]! }))
      .filter(({ js }) => !js.run.moreErrorsUnderNulledParent)
      .filter(({ js, compiled }) => js.status !== compiled.status || js.body !== compiled.body)
      .map(({ js, compiled }) => ({
        operation: js.run.name,
        variables: js.run.variables,
        graphqlJs: [js.status, js.body],
        compiled: [compiled.status, compiled.body],
      }));
    expect(differences).toEqual([]);
  });

  test("where a non-null failure nulls a parent: the same data; graphql-js's errors among the compiled ones", () => {
    const pairs = answers.graphqlJs
      .map((js, i) => ({ js, compiled: answers.compiled[i]! }))
      .filter(({ js }) => js.run.moreErrorsUnderNulledParent);
    expect(pairs.length).toBeGreaterThan(0);
    for (const { js, compiled } of pairs) {
      const [a, b] = [JSON.parse(js.body), JSON.parse(compiled.body)] as { data: unknown; errors: unknown[] }[];
      expect(compiled.status).toBe(js.status);
      expect(b!.data).toEqual(a!.data);
      expect(a!.errors.length).toBeGreaterThan(0);
      for (const error of a!.errors) expect(b!.errors).toContainEqual(error);
    }
  });
});

describe("routing to graphql-js", () => {
  const compiled = (text: string) => {
    const document = parse(text);
    return isCompilable(schema, document, getOperationAST(document)?.name?.value);
  };
  /** A submitProvisioningBatch with one request whose body is `body`. */
  const submit = (variables: string, body: string) =>
    `mutation${variables} { submitProvisioningBatch(input: { requests: [{ method: "PATCH", resource: "x", ` +
    `body: ${body} }] }) { batch { id } } }`;

  test("a variable in a custom scalar's literal, a fragment before other selections, @defer and subscriptions", () => {
    const label = "fragment L on Batch { label }";
    expect(compiled(`query { batches(first: 1) { edges { node { ...L id } } } } ${label}`)).toBe(false);
    expect(compiled("query { batches(first: 1) { edges { node { ... on Batch { label } id } } } }")).toBe(false);
    expect(compiled(submit("($b: Boolean)", "{ blocked: $b }"))).toBe(false);
    expect(compiled(submit("($b: Boolean)", "[1, [$b]]"))).toBe(false);
    expect(compiled("query { batches(first: 1) { ... @defer { totalCount } } }")).toBe(false);
    expect(compiled("subscription($id: ID!) { processStatusChanged(id: $id) { id } }")).toBe(false);
  });

  test("the rest is compiled: variables in inputs and lists, JSON variables and literals, a last fragment", () => {
    const label = "fragment L on Batch { label }";
    expect(compiled(`query { batches(first: 1) { edges { node { id ...L } } } } ${label}`)).toBe(true);
    const filter =
      "query($c: StatusCategory!) { batches(first: 1, filter: { statusCategories: [$c] }) { totalCount } }";
    expect(compiled(filter)).toBe(true);
    const requests =
      "($r: [ProvisioningRequestInput!]!) { submitProvisioningBatch(input: { requests: $r }) { batch { id } } }";
    expect(compiled(`mutation${requests}`)).toBe(true);
    expect(compiled(submit("", "{ blocked: true }"))).toBe(true);
    expect(compiled(submit("($j: JSON)", "$j"))).toBe(true);
  });

  test("the body of a JSON literal with variables is stored as sent", async () => {
    await seedDemoData(prisma, { scale: 1, reset: true, now: NOW });
    const world = await worldFacts(NOW);
    const shape = shapes(world).find((s) => s.name === "json literal with variables")!;
    token ??= await tokenFor();
    const { body } = await send("compiled", { ...shape, name: shape.name });
    const stored = await prisma.provisioningRequest.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(stored.body).toEqual({ blocked: true, note: ["x", 1, { deep: "x" }] });
    expect(JSON.parse(body).data.submitProvisioningBatch.batch.requests[0].body).toEqual(stored.body);
  });
});
