// @stream and @defer over multipart/mixed: the first rows arrive before the rest of a large
// connection, and a deferred fragment follows its parent; the pieces add up to the plain answer.
// The documents are plain strings: schema.graphql (and so codegen) does not declare the two
// directives, which the defer-stream plugin adds at run time.
import { describe, expect, test } from "vitest";
import { yoga } from "../../src/app/gateway.ts";
import { createBatches, globalId } from "../factories.ts";
import { send, tokenOf } from "./gateway.ts";

interface Part {
  data?: unknown;
  errors?: unknown[];
  hasNext?: boolean;
  incremental?: { items?: unknown[]; data?: unknown; path: (string | number)[] }[];
}

/** Splits a multipart/mixed body into its JSON parts. */
async function parts(response: Response): Promise<Part[]> {
  const boundary = /boundary="?([^";]+)"?/.exec(response.headers.get("content-type") ?? "")?.[1];
  expect(boundary).toBeDefined();
  const body = await response.text();
  return body
    .split(`--${boundary}`)
    .map((chunk) => chunk.slice(chunk.indexOf("\r\n\r\n") + 4).trim())
    .filter((json) => json.startsWith("{"))
    .map((json) => JSON.parse(json) as Part);
}

const batchesQuery = (directive: string) =>
  `query($filter: BatchFilter) { batches(first: 50, filter: $filter) { edges ${directive} { node { id label } } } }`;

describe("@stream and @defer", () => {
  test("@stream on a 50-batch connection sends 5 edges first, then the other 45, same as unstreamed", async () => {
    const { queue } = await createBatches(50, { numberCycles: 1 });
    const variables = { filter: { queueIds: [globalId("Queue", queue.id)] } };
    const token = await tokenOf("frontend");
    const plain = (await (await send(yoga, { query: batchesQuery(""), variables }, token)).json()) as {
      data: { batches: { edges: unknown[] } };
    };
    expect(plain.data.batches.edges).toHaveLength(50);

    const response = await send(
      yoga,
      { query: batchesQuery("@stream(initialCount: 5)"), variables },
      token,
      "multipart/mixed",
    );
    expect(response.headers.get("content-type")).toMatch(/^multipart\/mixed/);
    const [first, ...rest] = await parts(response);
    const initial = (first!.data as { batches: { edges: unknown[] } }).batches.edges;
    expect(initial).toHaveLength(5);
    expect(first!.hasNext).toBe(true);
    const streamed = rest.flatMap((part) => part.incremental ?? []).flatMap((item) => item.items ?? []);
    expect([...initial, ...streamed]).toEqual(plain.data.batches.edges);
    expect(rest.at(-1)!.hasNext).toBe(false);
    expect(rest.every((part) => !part.errors)).toBe(true);
  });

  test("a deferred fragment with a batch's cycles arrives after the batch, at the batch's path", async () => {
    const { batches } = await createBatches(1, { numberCycles: 4 });
    const id = globalId("Batch", batches[0]!.id);
    const query = `query($id: ID!) { batch(id: $id) { id label ... @defer { cycles(first: 100) { totalCount edges { node { position } } } } } }`;
    const response = await send(yoga, { query, variables: { id } }, await tokenOf("frontend"), "multipart/mixed");
    const [first, ...rest] = await parts(response);
    expect(first!.data).toEqual({ batch: { id, label: batches[0]!.label } });
    const deferred = rest.flatMap((part) => part.incremental ?? []);
    expect(deferred).toEqual([
      {
        path: ["batch"],
        data: { cycles: { totalCount: 4, edges: [1, 2, 3, 4].map((position) => ({ node: { position } })) } },
      },
    ]);
  });
});
