import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { expect, test } from "vitest";
import { createGateway } from "../../src/app/gateway.ts";
import { recordStatements, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createMessages } from "../messages/factories.ts";
import { createProcessStatus } from "../processes/factories.ts";

const subgraph = createGateway({ federation: true });

/** `token` null sends no Authorization header; undefined sends an all-scopes token. */
async function subgraphQuery<T>(query: string, variables: object = {}, token?: string | null) {
  const authorization = token === null ? {} : { authorization: `Bearer ${token ?? (await tokenFor())}` };
  const response = await subgraph.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", ...authorization },
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
  const { result, statements } = await recordStatements(() =>
    subgraphQuery<{ _entities: unknown[] }>(ENTITY_QUERY, { representations }),
  );
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

test("_entities needs a token: without one it is UNAUTHENTICATED and reads nothing", async () => {
  const status = await createProcessStatus();
  const representations = [{ __typename: "ProcessStatus", id: globalId("ProcessStatus", status.id) }];
  const query = `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on ProcessStatus { entityId } }
  }`;
  const { result, statements } = await recordStatements(() => subgraphQuery(query, { representations }, null));
  expect(result.errors?.map((error) => error.extensions?.code)).toEqual(["UNAUTHENTICATED"]);
  expect(JSON.stringify(result)).not.toContain(status.entityId);
  expect(statements).toEqual([]);

  const noScopes = await subgraphQuery<{ _entities: unknown[] }>(query, { representations }, await tokenFor([]));
  expect(noScopes.data?._entities).toEqual([null]);
  expect(noScopes.errors?.map((error) => error.extensions?.code)).toEqual(["FORBIDDEN"]);

  const readerToken = await tokenFor(["process-status:read"]);
  const reader = await subgraphQuery<{ _entities: unknown[] }>(query, { representations }, readerToken);
  expect(reader.errors).toBeUndefined();
  expect(reader.data?._entities).toEqual([{ entityId: status.entityId }]);
});

test("_entities takes at most 100 representations, and at most 50 messages (as messagesByIds): refused before SQL", async () => {
  const { batches } = await createBatches(1);
  const messages = await createMessages(51);
  const batch = { __typename: "Batch", id: globalId("Batch", batches[0]!.id) };
  const asMessage = (message: { id: number }) => ({ __typename: "Message", id: globalId("Message", message.id) });
  for (const representations of [Array.from({ length: 101 }, () => batch), messages.map(asMessage)]) {
    const { result, statements } = await recordStatements(() => subgraphQuery(ENTITY_QUERY, { representations }));
    const refusal = [{ code: "BAD_USER_INPUT", field: "representations" }];
    expect(result.errors?.map((error) => error.extensions)).toEqual(refusal);
    expect(statements).toEqual([]);
  }
  const representations = [...messages.slice(0, 50).map(asMessage), ...Array.from({ length: 50 }, () => batch)];
  const fifty = await subgraphQuery<{ _entities: unknown[] }>(ENTITY_QUERY, { representations });
  expect(fifty.errors).toBeUndefined();
  expect(fifty.data?._entities).toHaveLength(100);
});
