// Persisted operations: the client manifest's operations run by hash; with
// PERSISTED_OPERATIONS=only nothing else runs, and the refusal says why.
import { describe, expect, test } from "vitest";
import { readManifest } from "../../src/pipeline/delivery/persisted-operations.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { createBatches, globalId } from "../factories.ts";
import { FrontendBatchCountDocument } from "../generated/graphql.ts";
import { run, send, tokenOf } from "./gateway.ts";

const manifest = readManifest();
const hashOf = (operation: string) => [...manifest].find(([, text]) => text.startsWith(`query ${operation}(`))![0];
const allowList = createGateway({ persistedOperations: { mode: "only" } });
const open = createGateway({ persistedOperations: { mode: "allow" } });

type BoardResult = {
  data?: { batches: { totalCount: number; edges: { node: { label: string } }[] } };
  errors?: { message: string; extensions: { code: string } }[];
};

async function board(gateway: typeof open, body: object) {
  const response = await send(gateway, body, await tokenOf("frontend"));
  return { status: response.status, ...((await response.json()) as BoardResult) };
}

describe("allow-list mode (PERSISTED_OPERATIONS=only)", () => {
  test("runs a manifest operation sent by its documentId, with variables", async () => {
    const { queue, batches } = await createBatches(3);
    const variables = { filter: { queueIds: [globalId("Queue", queue.id)] } };
    const result = await board(allowList, { documentId: hashOf("BatchBoard"), variables });
    expect(result.errors).toBeUndefined();
    expect(result.data!.batches.totalCount).toBe(3);
    expect(result.data!.batches.edges.map((e) => e.node.label).sort()).toEqual(batches.map((b) => b.label).sort());
  });

  test("accepts Apollo's persistedQuery extension with the same hash", async () => {
    const { queue } = await createBatches(2);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hashOf("BatchBoard") } };
    const result = await board(allowList, {
      extensions,
      variables: { filter: { queueIds: [globalId("Queue", queue.id)] } },
    });
    expect(result.data!.batches.totalCount).toBe(2);
  });

  test("refuses an arbitrary document with PERSISTED_OPERATION_REQUIRED, even one the manifest contains", async () => {
    const result = await board(allowList, { query: manifest.get(hashOf("BatchBoard")) });
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors![0]!.extensions.code).toBe("PERSISTED_OPERATION_REQUIRED");
    expect(result.errors![0]!.message).toMatch(/only persisted operations/);
  });

  test("an unknown documentId is PERSISTED_OPERATION_NOT_FOUND", async () => {
    const result = await board(allowList, { documentId: `sha256:${"0".repeat(64)}` });
    expect(result.status).toBe(400);
    expect(result.errors![0]!.extensions.code).toBe("PERSISTED_OPERATION_NOT_FOUND");
  });
});

describe("default mode", () => {
  test("runs arbitrary documents and manifest operations by documentId alike", async () => {
    const { queue } = await createBatches(4);
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    const typed = await run(open, FrontendBatchCountDocument, { filter }, await tokenOf("frontend"));
    expect(typed.data?.batches.totalCount).toBe(4);
    const persisted = await board(open, { documentId: hashOf("BatchBoard"), variables: { filter } });
    expect(persisted.data!.batches.totalCount).toBe(4);
  });

  test("every operation in client/operations is in the manifest", () => {
    expect([...manifest.values()].map((text) => /^(query|mutation) (\w+)/.exec(text)![2]).sort()).toEqual([
      "BatchBoard",
      "CreateBoardBatch",
      "Outbox",
    ]);
  });
});
