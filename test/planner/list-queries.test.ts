// where, orderBy and aggregate on every list, checked against the rows themselves: each
// operator's answer equals the rows the test filters itself, orderings page forwards and
// backwards through every row once, aggregates equal counts made from the rows; and the bounds,
// scopes and bad input are refused before any SQL.
import { type GraphQLObjectType, getNamedType, isNonNullType, isObjectType } from "graphql";
import { beforeAll, describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { tableOfType } from "../../src/data/planner/plan.ts";
import { schema } from "../../src/app/schema.ts";
import { seedDemoData } from "../../src/data/seed/index.ts";
import { post, recordStatements, tokenFor } from "../client.ts";
import { counted } from "../counted.ts";
import { createGateway } from "../../src/app/gateway.ts";

interface BatchRow {
  id: string;
  label: string;
  numberCycles: number;
  dueDate: string | null;
  currentStatus: { category: string };
  queue: { id: string };
  workOrder: { dueDate: string | null };
}

const ROW = "id label numberCycles dueDate currentStatus { category } queue { id } workOrder { dueDate }";
let all: BatchRow[];

async function data<T>(query: string, variables: object = {}, headers?: Record<string, string>): Promise<T> {
  const result = await post<T>({ query, variables }, headers);
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}

async function batchesWhere(where: object): Promise<string[]> {
  const found = await data<{ batches: { edges: { node: { id: string } }[] } }>(
    "query ($where: BatchWhere) { batches(first: 100, where: $where) { edges { node { id } } } }",
    { where },
  );
  return found.batches.edges.map((edge) => edge.node.id).sort();
}

const idsOf = (rows: BatchRow[]) => rows.map((row) => row.id).sort();

beforeAll(async () => {
  await seedDemoData(prisma, { scale: 1 });
  all = (
    await data<{ batches: { edges: { node: BatchRow }[] } }>(`{ batches(first: 100) { edges { node { ${ROW} } } } }`)
  ).batches.edges.map((e) => e.node);
  expect(all).toHaveLength(100);
}, 120_000);

describe("every list has where, orderBy and aggregate", () => {
  test("walking the schema: every connection takes where and orderBy, and its type has aggregate", () => {
    const connections = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith("__"))
      .flatMap((type) => Object.values(type.getFields()).map((field) => ({ type, field })))
      .filter(({ field }) => getNamedType(field.type).name.endsWith("Connection"));
    const stored = connections.filter(({ field }) => {
      const edge = (getNamedType(field.type) as GraphQLObjectType).getFields().edges!;
      return tableOfType(
        getNamedType((getNamedType(edge.type) as GraphQLObjectType).getFields().node!.type) as GraphQLObjectType,
      );
    });
    // Lists of stored rows, and the connections of figures over them (batchStatusSummary's groups).
    expect(stored.length).toBeGreaterThanOrEqual(16);
    expect(connections.length).toBeGreaterThan(stored.length);
    for (const { type, field } of connections) {
      const name = `${type.name}.${field.name}`;
      expect(
        field.args.map((arg) => arg.name),
        name,
      ).toEqual(expect.arrayContaining(["where", "orderBy", "first", "last"]));
      expect(Object.keys((getNamedType(field.type) as GraphQLObjectType).getFields()), name).toContain("aggregate");
    }
  });
});

describe("nested lists cost the same statements for 2 parents as for 10", () => {
  // Every connection of stored rows nested in a root list's rows (found by walking the schema),
  // asked for its page, totalCount and aggregate: a statement per parent would grow with the page.
  const query = schema.getQueryType()!;
  const optionalArgs = (field: { args: readonly { name: string; type: unknown }[] }) =>
    field.args.every((arg) => ["first", "last"].includes(arg.name) || !isNonNullType(arg.type));
  const itemOf = (connection: GraphQLObjectType) =>
    getNamedType(
      (getNamedType(connection.getFields().edges!.type) as GraphQLObjectType).getFields().node!.type,
    ) as GraphQLObjectType;
  const isStoredConnection = (type: unknown): type is GraphQLObjectType =>
    isObjectType(type) && type.name.endsWith("Connection") && Boolean(tableOfType(itemOf(type)));
  const cases = Object.values(query.getFields())
    .filter((root) => isStoredConnection(getNamedType(root.type)) && optionalArgs(root))
    .flatMap((root) =>
      Object.values(itemOf(getNamedType(root.type) as GraphQLObjectType).getFields())
        .filter((nested) => isStoredConnection(getNamedType(nested.type)) && optionalArgs(nested))
        .map((nested) => [`${root.name} → ${nested.name}`, root.name, nested.name] as const),
    );

  test.each(counted(cases, { atLeast: 6 }))("%s", async (_name, root, nested) => {
    const ask = (parents: number) =>
      recordStatements(() =>
        post({
          query: `{ ${root}(first: ${parents}) { edges { node { ${nested}(first: 2) { totalCount
            edges { node { __typename } } aggregate { count } } } } } }`,
        }),
      );
    const [two, ten] = [await ask(2), await ask(10)];
    expect(two.result.errors).toBeUndefined();
    expect(ten.result.errors).toBeUndefined();
    expect(ten.statements.length).toBe(two.statements.length);
    expect(ten.statements).toHaveLength(1);
  });
});

describe("where", () => {
  const cases: [string, object, (row: BatchRow) => boolean][] = [
    ["eq", { numberCycles: { eq: 20 } }, (r) => r.numberCycles === 20],
    ["ne", { numberCycles: { ne: 20 } }, (r) => r.numberCycles !== 20],
    ["in", { numberCycles: { in: [18, 22] } }, (r) => [18, 22].includes(r.numberCycles)],
    ["notIn", { numberCycles: { notIn: [18, 22] } }, (r) => ![18, 22].includes(r.numberCycles)],
    ["lt", { numberCycles: { lt: 20 } }, (r) => r.numberCycles < 20],
    ["lte", { numberCycles: { lte: 20 } }, (r) => r.numberCycles <= 20],
    ["gt", { numberCycles: { gt: 20 } }, (r) => r.numberCycles > 20],
    ["gte", { numberCycles: { gte: 20 } }, (r) => r.numberCycles >= 20],
    ["isNull", { dueDate: { isNull: false } }, (r) => r.dueDate !== null],
    ["contains, ignoring case", { label: { contains: "box 0" } }, (r) => r.label.toLowerCase().includes("box 0")],
    ["startsWith", { label: { startsWith: "wo-000001" } }, (r) => r.label.toLowerCase().startsWith("wo-000001")],
    [
      "a date",
      { dueDate: { gte: "2026-12-01T00:00:00.000Z" } },
      (r) => r.dueDate !== null && r.dueDate >= "2026-12-01T00:00:00.000Z",
    ],
    [
      "an embedded enum",
      { currentStatus: { category: { in: ["BLOCKED", "COMPLETE"] } } },
      (r) => ["BLOCKED", "COMPLETE"].includes(r.currentStatus.category),
    ],
    [
      "through a relation",
      { workOrder: { dueDate: { lt: "2026-12-10T00:00:00.000Z" } } },
      (r) => r.workOrder.dueDate !== null && r.workOrder.dueDate < "2026-12-10T00:00:00.000Z",
    ],
    [
      "and",
      { and: [{ numberCycles: { gte: 19 } }, { numberCycles: { lte: 21 } }] },
      (r) => r.numberCycles >= 19 && r.numberCycles <= 21,
    ],
    [
      "or",
      { or: [{ numberCycles: { lt: 19 } }, { numberCycles: { gt: 21 } }] },
      (r) => r.numberCycles < 19 || r.numberCycles > 21,
    ],
    [
      "not",
      { not: { currentStatus: { category: { eq: "COMPLETE" } } } },
      (r) => r.currentStatus.category !== "COMPLETE",
    ],
  ];
  test.each(cases)("%s answers exactly the rows that meet it", async (_name, where, meets) => {
    const expected = idsOf(all.filter(meets));
    expect(expected.length).toBeGreaterThan(0);
    expect(await batchesWhere(where)).toEqual(expected);
  });

  test("an id condition takes global ids, and an id of another type is BAD_USER_INPUT naming the path", async () => {
    expect(await batchesWhere({ id: { in: [all[0]!.id, all[1]!.id] } })).toEqual([all[0]!.id, all[1]!.id].sort());
    const wrong = await post({
      query: `{ batches(first: 1, where: { id: { eq: "${all[0]!.queue.id}" } }) { totalCount } }`,
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "where.id.eq" });
  });

  test("% and _ match themselves", async () => {
    expect(await batchesWhere({ label: { contains: "%" } })).toEqual([]);
    expect(await batchesWhere({ label: { contains: "_" } })).toEqual([]);
  });
});

describe("where through a to-many relation: some, every, none", () => {
  // Each batch with its cycles' categories and retry flags and its technicians, read as plain rows.
  interface Related {
    id: string;
    cycles: { totalCount: number; edges: { node: { isRetry: boolean; currentStatus: { category: string } } }[] };
    techs: { totalCount: number; edges: { node: { id: string } }[] };
    relations: { totalCount: number };
  }
  let related: Related[];
  beforeAll(async () => {
    related = (
      await data<{ batches: { edges: { node: Related }[] } }>(
        "{ batches(first: 100) { edges { node { id cycles(first: 50) { totalCount edges { node { isRetry " +
          "currentStatus { category } } } } techs(first: 20) { totalCount edges { node { id } } } relations(first: 1) { totalCount } } } } }",
      )
    ).batches.edges.map((edge) => edge.node);
    // Every related row was read (no page cut short).
    expect(related).toHaveLength(100);
    for (const batch of related) {
      expect(batch.cycles.edges).toHaveLength(batch.cycles.totalCount);
      expect(batch.techs.edges).toHaveLength(batch.techs.totalCount);
    }
  });
  const cyclesOf = (batch: Related) => batch.cycles.edges.map((edge) => edge.node);
  const blocked = (cycle: { currentStatus: { category: string } }) => cycle.currentStatus.category === "BLOCKED";
  const cases: [string, object, (batch: Related) => boolean][] = [
    [
      "some",
      { cycles: { some: { currentStatus: { category: { eq: "BLOCKED" } } } } },
      (b) => cyclesOf(b).some(blocked),
    ],
    [
      "none",
      { cycles: { none: { currentStatus: { category: { eq: "BLOCKED" } } } } },
      (b) => !cyclesOf(b).some(blocked),
    ],
    [
      "every",
      { cycles: { every: { currentStatus: { category: { ne: "BLOCKED" } } } } },
      (b) => cyclesOf(b).every((cycle) => !blocked(cycle)),
    ],
    [
      "some and every together",
      { cycles: { some: { isRetry: { eq: true } }, every: { currentStatus: { category: { ne: "BLOCKED" } } } } },
      (b) => cyclesOf(b).some((cycle) => cycle.isRetry) && cyclesOf(b).every((cycle) => !blocked(cycle)),
    ],
  ];
  test.each(cases)("%s answers exactly the batches that meet it", async (_name, where, meets) => {
    const expected = related
      .filter(meets)
      .map((batch) => batch.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(related.length);
    expect(await batchesWhere(where)).toEqual(expected);
  });

  test("some: {} and none: {} split the rows by whether they have any", async () => {
    const having = related.filter((batch) => batch.relations.totalCount > 0).map((batch) => batch.id);
    const lacking = related.filter((batch) => batch.relations.totalCount === 0).map((batch) => batch.id);
    expect(await batchesWhere({ relations: { some: {} } })).toEqual(having.sort());
    expect(await batchesWhere({ relations: { none: {} } })).toEqual(lacking.sort());
    // every: {} holds for every row, whatever it has.
    expect(await batchesWhere({ relations: { every: {} } })).toHaveLength(related.length);
  });

  test("through a join table: batches one technician is assigned to", async () => {
    const tech = related.find((batch) => batch.techs.edges.length)!.techs.edges[0]!.node.id;
    const expected = related
      .filter((batch) => batch.techs.edges.some((edge) => edge.node.id === tech))
      .map((batch) => batch.id)
      .sort();
    expect(await batchesWhere({ techs: { some: { id: { eq: tech } } } })).toEqual(expected);
  });

  test("nested two levels (work orders with a batch having a blocked cycle), with its aggregate, in one statement", async () => {
    const { batches } = await data<{
      batches: { edges: { node: { id: string; workOrder: { id: string } } }[] };
    }>("{ batches(first: 100) { edges { node { id workOrder { id } } } } }");
    const blockedBatches = new Set(related.filter((b) => cyclesOf(b).some(blocked)).map((b) => b.id));
    const expected = [
      ...new Set(batches.edges.filter((e) => blockedBatches.has(e.node.id)).map((e) => e.node.workOrder.id)),
    ].sort();
    const where = { batches: { some: { cycles: { some: { currentStatus: { category: { eq: "BLOCKED" } } } } } } };
    const { result, statements } = await recordStatements(() =>
      data<{ workOrders: { totalCount: number; edges: { node: { id: string } }[]; aggregate: { count: number } } }>(
        "query ($where: WorkOrderWhere) { workOrders(first: 100, where: $where) { totalCount aggregate { count } " +
          "edges { node { id } } } }",
        { where },
      ),
    );
    expect(result.workOrders.edges.map((edge) => edge.node.id).sort()).toEqual(expected);
    expect(result.workOrders.totalCount).toBe(expected.length);
    expect(result.workOrders.aggregate.count).toBe(expected.length);
    expect(statements).toHaveLength(1);
  });

  test("nested lists take it too: each queue's batches having a retried cycle", async () => {
    const retried = new Set(related.filter((b) => cyclesOf(b).some((c) => c.isRetry)).map((b) => b.id));
    const { queues } = await data<{
      queues: { edges: { node: { batches: { totalCount: number; edges: { node: { id: string } }[] } } }[] };
    }>(
      "{ queues(first: 10) { edges { node { batches(first: 100, where: { cycles: { some: { isRetry: { eq: true } } } }) " +
        "{ totalCount edges { node { id } } } } } } }",
    );
    const found = queues.edges.flatMap((edge) => edge.node.batches.edges.map((e) => e.node.id));
    expect(found.sort()).toEqual([...retried].sort());
  });

  test("each quantifier counts as a condition and nests a level: beyond the bounds is LIMIT_EXCEEDED before any SQL", async () => {
    const deep = `{ batches: { some: { cycles: { some: { batch: { cycles: { some: { batch: { cycles: { some: {} } } } } } } } } } }`;
    const { result, statements } = await recordStatements(() =>
      post({ query: `{ workOrders(first: 1, where: ${deep}) { totalCount } }` }),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
    expect(statements).toEqual([]);
    const unknown = await post({ query: "{ batches(first: 1, where: { cycles: { any: {} } }) { totalCount } }" });
    expect(unknown.errors?.[0]?.message).toContain("any");
  });
});

describe("orderBy", () => {
  const order = [{ field: "NUMBER_CYCLES", direction: "DESC" }, { field: "LABEL" }];
  const sorted = () =>
    [...all].sort(
      (a, b) => b.numberCycles - a.numberCycles || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || 0,
    );
  type Page = {
    batches: {
      edges: { node: { id: string } }[];
      pageInfo: { endCursor: string; startCursor: string; hasNextPage: boolean; hasPreviousPage: boolean };
    };
  };
  const page = (variables: object) =>
    data<Page>(
      "query ($first: Int, $last: Int, $after: String, $before: String, $orderBy: [BatchOrder!]) { batches(first: " +
        "$first, last: $last, after: $after, before: $before, orderBy: $orderBy) { edges { node { id } } " +
        "pageInfo { endCursor startCursor hasNextPage hasPreviousPage } } }",
      variables,
    );

  test("pages forwards and backwards through every row once, in the asked order (ties by label, then id)", async () => {
    const forwards: string[] = [];
    let after: string | undefined;
    for (let i = 0; i < 20; i++) {
      const { batches } = await page({ first: 7, after, orderBy: order });
      forwards.push(...batches.edges.map((edge) => edge.node.id));
      after = batches.pageInfo.endCursor;
      if (!batches.pageInfo.hasNextPage) break;
    }
    const expected = sorted().map((row) => row.id);
    // Equal labels do not occur in the demo data, so label then id orders exactly as the test sorts.
    expect(forwards).toEqual(expected);
    const backwards: string[] = [];
    let before: string | undefined;
    for (let i = 0; i < 20; i++) {
      const { batches } = await page({ last: 9, before, orderBy: order });
      backwards.unshift(...batches.edges.map((edge) => edge.node.id));
      before = batches.pageInfo.startCursor;
      if (!batches.pageInfo.hasPreviousPage) break;
    }
    expect(backwards).toEqual(expected);
  });

  test("a cursor of another ordering is BAD_USER_INPUT", async () => {
    const { batches } = await page({ first: 2, orderBy: order });
    const result = await post({
      query: "query ($after: String) { batches(first: 2, after: $after, orderBy: [{ field: LABEL }]) { totalCount } }",
      variables: { after: batches.pageInfo.endCursor },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
  });
});

describe("aggregate", () => {
  test("count, min, max, avg and sum equal the figures of the rows themselves", async () => {
    const where = { numberCycles: { gte: 19 } };
    const rows = all.filter((row) => row.numberCycles >= 19);
    const { batches } = await data<{ batches: { aggregate: Record<string, any> } }>(
      "query ($where: BatchWhere) { batches(first: 1, where: $where) { aggregate { count min { numberCycles " +
        "dueDate } max { numberCycles } avg { numberCycles } sum { numberCycles } } } }",
      { where },
    );
    const cycles = rows.map((row) => row.numberCycles);
    const dates = rows
      .map((row) => row.dueDate)
      .filter((d): d is string => d !== null)
      .sort();
    expect(batches.aggregate).toEqual({
      count: rows.length,
      min: { numberCycles: Math.min(...cycles), dueDate: dates[0] },
      max: { numberCycles: Math.max(...cycles) },
      avg: { numberCycles: expect.closeTo(cycles.reduce((a, b) => a + b, 0) / rows.length, 9) },
      sum: { numberCycles: cycles.reduce((a, b) => a + b, 0) },
    });
  });

  test("batches due in a window, by queue and status category: one query, groups equal the rows' own counts", async () => {
    const window = { dueDate: { gte: "2026-11-20T00:00:00.000Z", lt: "2026-12-31T00:00:00.000Z" } };
    const { result, statements } = await recordStatements(() =>
      data<{
        batches: {
          aggregate: { groupBy: { keys: { queue: { id: string }; currentStatusCategory: string }; count: number }[] };
        };
      }>(
        "query ($where: BatchWhere) { batches(first: 0, where: $where) { aggregate { groupBy(by: [QUEUE, " +
          "CURRENT_STATUS_CATEGORY]) { keys { queue { id } currentStatusCategory } count } } } }",
        { where: window },
      ),
    );
    const expected = new Map<string, number>();
    for (const row of all.filter(
      (r) => r.dueDate && r.dueDate >= "2026-11-20T00:00:00.000Z" && r.dueDate < "2026-12-31T00:00:00.000Z",
    )) {
      const key = `${row.queue.id}|${row.currentStatus.category}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const groups = result.batches.aggregate.groupBy;
    expect(groups.length).toBe(expected.size);
    expect(new Map(groups.map((g) => [`${g.keys.queue.id}|${g.keys.currentStatusCategory}`, g.count]))).toEqual(
      expected,
    );
    // The aggregate and the queues of its keys are read in the list's one statement.
    expect(statements).toHaveLength(1);
  });

  test("dates grouped by day in a time zone: each group is the local day's start, counting its rows", async () => {
    type Group = { keys: { createdAt: string }; count: number };
    const { messages } = await data<{
      messages: { edges: { node: { createdAt: string } }[]; aggregate: { count: number; groupBy: Group[] } };
    }>(
      `{ messages(first: 50) { edges { node { createdAt } } aggregate { count groupBy(by: [CREATED_AT], bucket: DAY, timeZone: "America/New_York", first: 1000) { keys { createdAt } count } } } }`,
    );
    const day = (iso: string) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date(iso));
    const total = messages.aggregate.groupBy.reduce((sum, group) => sum + group.count, 0);
    expect(total).toBe(messages.aggregate.count);
    expect(messages.aggregate.groupBy.length).toBeGreaterThan(0);
    for (const group of messages.aggregate.groupBy) {
      // The bucket starts at local midnight: its local date is the day, its local time 00:00.
      const time = new Intl.DateTimeFormat("en-GB", {
        timeZone: "America/New_York",
        hour: "2-digit",
        minute: "2-digit",
      }).format(new Date(group.keys.createdAt));
      expect(time).toBe("00:00");
      const onThatDay = messages.edges.filter((edge) => day(edge.node.createdAt) === day(group.keys.createdAt)).length;
      if (messages.aggregate.count <= 50) expect(group.count).toBe(onThatDay);
    }
  });

  test("nested lists aggregate their own rows", async () => {
    const { queues } = await data<{
      queues: {
        edges: { node: { id: string; batches: { aggregate: { count: number; sum: { numberCycles: number } } } } }[];
      };
    }>(
      "{ queues(first: 10) { edges { node { id batches(first: 1, where: { numberCycles: { gt: 19 } }) { aggregate " +
        "{ count sum { numberCycles } } } } } } }",
    );
    expect(queues.edges.length).toBeGreaterThan(1);
    for (const { node } of queues.edges) {
      const rows = all.filter((row) => row.queue.id === node.id && row.numberCycles > 19);
      expect(node.batches.aggregate).toEqual({
        count: rows.length,
        sum: { numberCycles: rows.reduce((a, r) => a + r.numberCycles, 0) },
      });
    }
  });
});

describe("aggregates are read in their list's statement", () => {
  const plain = createGateway({ planner: false });
  const NESTED = `query ($queues: Int!) { queues(first: $queues) { edges { node { id
    batches(first: 2, where: { numberCycles: { gte: 5 } }) { totalCount
      figures: aggregate { count max { numberCycles dueDate }
        groupBy(by: [WORK_ORDER, CURRENT_STATUS_CATEGORY]) { keys { workOrder { id label dueDate } currentStatusCategory } count } }
      aggregate { count } } } } } }`;

  async function plainly(query: string, variables: object) {
    const response = await plain.fetch("http://gateway.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor()}` },
      body: JSON.stringify({ query, variables }),
    });
    return response.json();
  }

  test.each(counted([5, 50], 2))(
    "%i queues, each with its batches' aggregates (aliased, grouped by a relation): one statement, the plain answer",
    async (queues) => {
      const { result, statements } = await recordStatements(() => post({ query: NESTED, variables: { queues } }));
      expect(result.errors).toBeUndefined();
      expect(statements).toHaveLength(1);
      const { status: _status, headers: _headers, ...answer } = result;
      expect(answer.data).toEqual((await plainly(NESTED, { queues })).data);
      const edges = (result.data as any).queues.edges;
      expect(edges.length).toBeGreaterThan(1);
      for (const { node } of edges) {
        const groups = node.batches.figures.groupBy as { keys: { workOrder: { label: string } }; count: number }[];
        expect(groups.reduce((sum, group) => sum + group.count, 0)).toBe(node.batches.aggregate.count);
        for (const group of groups) expect(group.keys.workOrder.label).toEqual(expect.any(String));
      }
    },
  );

  test("a list asked only for its aggregate sends one statement, without a page size", async () => {
    const { result, statements } = await recordStatements(() =>
      post({ query: "{ messages { aggregate { count } } letterBatches { totalCount aggregate { count } } }" }),
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as any;
    expect(data.messages.aggregate.count).toBe(await prisma.message.count());
    expect(data.letterBatches.aggregate.count).toBe(data.letterBatches.totalCount);
    expect(statements).toHaveLength(2); // one per root field
  });
});

describe("bounds, scopes and bad input, before any SQL", () => {
  const refused = async (query: string, code: string, headers?: Record<string, string>) => {
    const { result, statements } = await recordStatements(() => post({ query }, headers));
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result.errors)).toBe(code);
    expect(statements).toEqual([]);
  };

  test("more than 50 conditions, nesting deeper than 5, or more than 100 values in a list are LIMIT_EXCEEDED", async () => {
    const many = Array.from({ length: 51 }, (_, i) => `{ numberCycles: { ne: ${i} } }`).join(", ");
    await refused(`{ batches(first: 1, where: { and: [${many}] }) { totalCount } }`, "LIMIT_EXCEEDED");
    const deep = `${"{ not: ".repeat(7)}{ numberCycles: { eq: 1 } }${" }".repeat(7)}`;
    await refused(`{ batches(first: 1, where: ${deep}) { totalCount } }`, "LIMIT_EXCEEDED");
    await refused(
      `{ batches(first: 1, where: { numberCycles: { in: [${Array.from({ length: 101 }, (_, i) => i).join(",")}] } }) { totalCount } }`,
      "LIMIT_EXCEEDED",
    );
  });

  test("an unknown time zone is BAD_USER_INPUT naming it, and no aggregate is computed", async () => {
    const query = `{ batches(first: 0) { aggregate { groupBy(by: [CREATED_AT], timeZone: "Mars/Olympus") { count } } } }`;
    const { result, statements } = await recordStatements(() => post({ query }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "timeZone" });
    expect(statements.filter((sql) => sql.includes("date_trunc"))).toEqual([]);
  });

  test("conditions and aggregates on data the token may not read are FORBIDDEN", async () => {
    const batchAll = { authorization: `Bearer ${await tokenFor(["batch:all"])}` };
    await refused(`{ batches(first: 1, where: { label: { contains: "Box" } }) { totalCount } }`, "FORBIDDEN", batchAll);
    const provisioning = { authorization: `Bearer ${await tokenFor(["provisioning:read"])}` };
    await refused(
      `{ provisioningBatches(first: 1, where: { processStatus: { status: { eq: SUCCESS } } }) { totalCount } }`,
      "FORBIDDEN",
      provisioning,
    );
    const counted = await post<{ batches: { aggregate: unknown } }>(
      { query: "{ batches(first: 0) { aggregate { count } } }" },
      batchAll,
    );
    expect(counted.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  test("an unknown field or operator is a validation error naming it", async () => {
    const unknown = await post({ query: "{ batches(first: 1, where: { colour: { eq: 1 } }) { totalCount } }" });
    expect(unknown.errors?.[0]?.message).toContain("colour");
    const mismatch = await post({ query: '{ batches(first: 1, where: { dueDate: { lt: "soon" } }) { totalCount } }' });
    expect(mismatch.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "where.dueDate.lt" });
  });
});
