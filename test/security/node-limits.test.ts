// nodes(ids:) fetches at most 100 objects, and of a type no more than its own bulk field allows
// (src/graphql/transforms/node-limits.ts): refused before any SQL, so a list of 50,000 ids costs nothing.
import { describe, expect, test } from "vitest";
import { recordStatements, post } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { createMessages } from "../messages/factories.ts";
import { createProcessStatus } from "../processes/factories.ts";

const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;

const refusal = (errors: readonly { extensions?: Record<string, unknown>; message: string }[] | undefined) =>
  errors?.map((error) => error.extensions);

describe("nodes(ids:)", () => {
  test("50,000 cycle ids: BAD_USER_INPUT naming ids, before any SQL", async () => {
    const ids = Array.from({ length: 50_000 }, (_, i) => globalId("Cycle", i + 1));
    const { result, statements } = await recordStatements(() => post({ query: NODES, variables: { ids } }));
    expect(refusal(result.errors)).toEqual([{ code: "BAD_USER_INPUT", field: "ids" }]);
    expect(result.errors![0]!.message).toMatch(/at most 100 objects, got 50000/);
    expect(statements).toEqual([]);
  });

  test("100 ids are served in one statement per type; 101 are refused", async () => {
    const { batches } = await createBatches(2);
    const ids = Array.from({ length: 100 }, (_, i) => globalId("Batch", batches[i % 2]!.id));
    const { result, statements } = await recordStatements(() =>
      post<{ nodes: { id: string }[] }>({ query: NODES, variables: { ids } }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.nodes).toHaveLength(100);
    expect(statements).toHaveLength(1);
    const over = await post({ query: NODES, variables: { ids: [...ids, ids[0]] } });
    expect(refusal(over.errors)).toEqual([{ code: "BAD_USER_INPUT", field: "ids" }]);
  });

  test("no more messages than messagesByIds takes (50), whatever else the list holds", async () => {
    const messages = await createMessages(51);
    const status = await createProcessStatus();
    const messageIds = messages.map((message) => globalId("Message", message.id));
    const others = Array.from({ length: 40 }, () => globalId("ProcessStatus", status.id));
    const { result, statements } = await recordStatements(() =>
      post({ query: NODES, variables: { ids: [...messageIds, ...others] } }),
    );
    expect(refusal(result.errors)).toEqual([{ code: "BAD_USER_INPUT", field: "ids" }]);
    expect(result.errors![0]!.message).toMatch(/at most 50 objects of type Message, got 51/);
    expect(statements).toEqual([]);
    const fifty = await post<{ nodes: unknown[] }>({
      query: NODES,
      variables: { ids: [...messageIds.slice(0, 50), ...others] },
    });
    expect(fifty.errors).toBeUndefined();
    expect(fifty.data?.nodes).toHaveLength(90);
  });
});
