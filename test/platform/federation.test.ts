import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { expect, test } from "vitest";
import { createGateway } from "../../src/yoga.ts";
import { recordStatements, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";

const subgraph = createGateway({ federation: true });

async function subgraphQuery<T>(query: string, variables: object = {}, token?: string) {
  const response = await subgraph.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token ?? (await tokenFor())}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
}

// A second, tiny subgraph owned by another team: it adds a field to this gateway's Batch.
const qualityNotes = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Batch @key(fields: "id") {
    id: ID!
    qualityNote: String
  }
  type Query {
    recentQualityNotes: [Batch!]!
  }
`);

const ENTITIES = ["Batch", "WorkOrder", "Queue", "Cycle", "Message", "ProcessStatus", "ProvisioningBatch"];

test("the subgraph's SDL keys each entity by id and composes with another subgraph into a supergraph", async () => {
  const { data } = await subgraphQuery<{ _service: { sdl: string } }>("{ _service { sdl } }");
  const sdl = data!._service.sdl;
  for (const type of ENTITIES) expect(sdl).toMatch(new RegExp(`type ${type} implements[^{]*@key\\(fields: "id"\\)`));
  const result = composeServices([
    { name: "gateway", url: "http://gateway:4000/graphql", typeDefs: parse(sdl) },
    { name: "quality", url: "http://quality:4001/graphql", typeDefs: qualityNotes },
  ]);
  expect(result.errors?.map((error) => error.message)).toBeUndefined();
  const supergraph = result.supergraphSdl!;
  expect(supergraph).toMatch(/qualityNote: String @join__field\(graph: QUALITY\)/);
  expect(supergraph).toMatch(/type Batch implements Node[^{]*@join__type\(graph: GATEWAY, key: "id"\)/);
});

const ENTITY_QUERY = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Batch { id label }
    ... on WorkOrder { id label }
  }
}`;

test("_entities resolves references in order through the batched loaders: one statement per type", async () => {
  const { batches, workOrder } = await createBatches(3);
  const representations = [
    ...batches.map((batch) => ({ __typename: "Batch", id: globalId("Batch", batch.id) })),
    { __typename: "WorkOrder", id: globalId("WorkOrder", workOrder.id) },
    { __typename: "Batch", id: globalId("Batch", 999_999_999) },
    { __typename: "Batch", id: globalId("WorkOrder", workOrder.id) },
  ];
  const { result, statements } = await recordStatements(() => subgraphQuery<{ _entities: unknown[] }>(ENTITY_QUERY, { representations }));
  expect(result.errors).toBeUndefined();
  expect(result.data!._entities).toEqual([
    ...batches.map((batch) => ({ __typename: "Batch", id: globalId("Batch", batch.id), label: batch.label })),
    { __typename: "WorkOrder", id: globalId("WorkOrder", workOrder.id), label: workOrder.label },
    null,
    null,
  ]);
  expect(statements).toHaveLength(2);
});

test("entities keep their read scopes: a token with only messages:read gets FORBIDDEN for a Batch", async () => {
  const { batches } = await createBatches(1);
  const token = await tokenFor(["messages:read"]);
  const representations = [{ __typename: "Batch", id: globalId("Batch", batches[0]!.id) }];
  const result = await subgraphQuery(ENTITY_QUERY, { representations }, token);
  expect(result.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});
