// Types' read scopes (src/graphql/transforms/type-scopes.ts): checked where a query reaches a scoped type from
// outside its scope — node(id:), nodes(ids:), list roots needing another scope, mutation
// payloads — with one error per object reached, not one per field selected.
import { type GraphQLObjectType, isObjectType, isUnionType } from "graphql";
import { describe, expect, test } from "vitest";
import { ALL_SCOPES, type Scope } from "../../src/graphql/scopes.ts";
import { prisma } from "../../src/data/db.ts";
import { schema } from "../../src/app/schema.ts";
import { subgraphSchema } from "../../src/app/schema.ts";
import { post, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createMessages } from "../messages/factories.ts";
import { createProcessStatus } from "../processes/factories.ts";

const bearer = async (...scopes: Scope[]) => ({ authorization: `Bearer ${await tokenFor(scopes)}` });

const codesAndPaths = (
  errors: readonly { extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] | undefined,
) => (errors ?? []).map((error) => ({ code: error.extensions?.code, path: error.path?.join(".") }));

describe("every type a client can fetch by id declares its read scope", () => {
  const nodeTypes = schema.getPossibleTypes(schema.getType("Node") as never) as readonly GraphQLObjectType[];
  const entityUnion = subgraphSchema().getType("_Entity");
  const entityTypes = isUnionType(entityUnion) ? entityUnion.getTypes() : [];

  const kinds = [
    ...nodeTypes.map((type) => ["Node", type] as const),
    ...entityTypes.map((type) => ["entity", type] as const),
  ];

  test("the walk sees the Node types and the federation entities", () => {
    expect(nodeTypes.length).toBe(18);
    expect(entityTypes.length).toBe(7);
    expect(kinds).toHaveLength(25);
  });

  test.each(kinds)("%s %s", (_kind, type) => {
    expect(isObjectType(type)).toBe(true);
    const missing = `${type.name} declares no read scope (readScope in its options)`;
    expect(ALL_SCOPES, missing).toContain(type.extensions?.readScope);
  });

  test("a process status: node(id:) and nodes(ids:) need process-status:read, as processStatus(id:) does", async () => {
    const status = await createProcessStatus();
    const id = globalId("ProcessStatus", status.id);
    const query = `query ($id: ID!) {
      node(id: $id) { ... on ProcessStatus { eventType entityId } } nodes(ids: [$id]) { id } processStatus(id: $id) { id }
    }`;
    const denied = await post<Record<string, unknown>>({ query, variables: { id } }, await bearer());
    expect(denied.data).toEqual({ node: null, nodes: [null], processStatus: null });
    expect(codesAndPaths(denied.errors).sort((a, b) => a.path!.localeCompare(b.path!))).toEqual([
      { code: "FORBIDDEN", path: "node" },
      { code: "FORBIDDEN", path: "nodes.0" },
      { code: "FORBIDDEN", path: "processStatus" },
    ]);
    const reader = await bearer("process-status:read");
    const allowed = await post<{ node: { entityId: string } }>({ query, variables: { id } }, reader);
    expect(allowed.errors).toBeUndefined();
    expect(allowed.data?.node.entityId).toBe(status.entityId);
  });
});

describe("type read scopes", () => {
  test(
    "node(id:) of a batch without batch:read: null and one FORBIDDEN naming the scope, however many fields are " +
      "selected",
    async () => {
      const { batches } = await createBatches(1);
      const query = `query ($id: ID!) { node(id: $id) { id ... on Batch { label createdAt workOrder { label } cycles(first: 2) { totalCount } } } }`;
      const variables = { id: globalId("Batch", batches[0]!.id) };

      const denied = await post<{ node: unknown }>({ query, variables }, await bearer("messages:read"));
      expect(denied.data?.node).toBeNull();
      expect(codesAndPaths(denied.errors)).toEqual([{ code: "FORBIDDEN", path: "node" }]);
      expect(denied.errors![0]!.message).toContain("batch:read");

      const allowed = await post<{ node: { label: string; cycles: { totalCount: number } } }>(
        { query, variables },
        await bearer("batch:read"),
      );
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data?.node).toMatchObject({ label: batches[0]!.label, cycles: { totalCount: 3 } });
    },
  );

  test("nodes(ids:) across domains: each object is checked on its own", async () => {
    const { batches } = await createBatches(1);
    const [message] = await createMessages(1);
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const variables = { ids: [globalId("Batch", batches[0]!.id), globalId("Message", message!.id)] };

    const result = await post<{ nodes: ({ id: string } | null)[] }>(
      { query, variables },
      await bearer("messages:read"),
    );
    expect(result.data?.nodes).toEqual([null, { id: globalId("Message", message!.id) }]);
    expect(codesAndPaths(result.errors)).toEqual([{ code: "FORBIDDEN", path: "nodes.0" }]);
  });

  test("a list root needing batch:all serves its count to a token without batch:read, and each batch is FORBIDDEN", async () => {
    const { batches } = await createBatches(2);
    const query = `query ($first: Int!) { batches(first: $first, orderBy: { field: CREATED_AT, direction: DESC }) { totalCount edges { cursor node { id label } } } }`;
    const total = await prisma.batch.count();

    const result = await post({ query, variables: { first: 2 } }, await bearer("batch:all"));
    expect(codesAndPaths(result.errors)).toContainEqual({ code: "FORBIDDEN", path: "batches.edges.0.node" });

    const counted = await post<{ batches: { totalCount: number } }>(
      { query: `{ batches { totalCount } }` },
      await bearer("batch:all"),
    );
    expect(counted.errors).toBeUndefined();
    expect(counted.data?.batches.totalCount).toBe(total);

    const both = await post<{ batches: { edges: { node: { id: string } }[] } }>(
      { query, variables: { first: 2 } },
      await bearer("batch:all", "batch:read"),
    );
    expect(both.errors).toBeUndefined();
    expect(both.data?.batches.edges.map((edge) => edge.node.id)).toEqual(
      batches
        .slice()
        .reverse()
        .map((batch) => globalId("Batch", batch.id)),
    );
  });

  test(
    "a mutation payload: without batch:read to read the cycle back, batch:update is refused as a whole and " +
      "nothing changes",
    async () => {
      const { batches } = await createBatches(1);
      const cycle = await prisma.cycle.findFirstOrThrow({ where: { batchId: batches[0]!.id }, orderBy: { id: "asc" } });
      const query = `mutation ($input: UpdateCycleStatusInput!) { updateCycleStatus(input: $input) { cycle { currentStatus { category } } } }`;
      const input = (category: string) => ({ input: { id: globalId("Cycle", cycle.id), category } });

      const denied = await post({ query, variables: input("IN_PROGRESS") }, await bearer("batch:update"));
      expect(codesAndPaths(denied.errors)).toEqual([{ code: "FORBIDDEN", path: undefined }]);
      expect(denied.errors![0]!.extensions?.scopes).toEqual(["batch:read"]);
      expect((await prisma.cycle.findUniqueOrThrow({ where: { id: cycle.id } })).statusCategory).toBe("PENDING");

      const allowed = await post<{ updateCycleStatus: { cycle: { currentStatus: { category: string } } } }>(
        { query, variables: input("VERIFYING") },
        await bearer("batch:update", "batch:read"),
      );
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data?.updateCycleStatus.cycle.currentStatus.category).toBe("VERIFYING");
    },
  );
});
