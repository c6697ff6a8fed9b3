import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type StopTracing, startTracing } from "../../src/pipeline/observability/tracing.ts";
import { createGateway } from "../../src/app/gateway.ts";
import { query, tokenFor } from "../client.ts";
import { createBatches, globalId } from "../factories.ts";
import { PlatformBatchLabelDocument } from "../generated/graphql.ts";

// What OTEL_EXPORTER_OTLP_ENDPOINT would export, kept in memory to be read back.
const exporter = new InMemorySpanExporter();
let stopTracing: StopTracing;
beforeAll(async () => {
  stopTracing = await startTracing([new SimpleSpanProcessor(exporter)]);
});
afterAll(() => stopTracing());

test("an operation gives a span named after it, with the SQL statements it sent as spans inside its trace", async () => {
  const gateway = createGateway({ tracing: true });
  const { batches } = await createBatches(1);
  exporter.reset();
  const response = await gateway.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${await tokenFor()}` },
    body: JSON.stringify({
      query: "query TracedBatch($id: ID!) { node(id: $id) { id } workOrders(first: 1) { edges { node { id } } } }",
      variables: { id: globalId("Batch", batches[0]!.id) },
    }),
  });
  expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

  const spans = exporter.getFinishedSpans();
  const operation = spans.find((span) => span.name === "query TracedBatch");
  expect(operation?.attributes).toMatchObject({
    "graphql.operation.type": "query",
    "graphql.operation.name": "TracedBatch",
  });
  const sql = spans.filter(
    (span) => span.spanContext().traceId === operation!.spanContext().traceId && span.attributes["db.query.text"],
  );
  // Each root field is one statement sent past Prisma (db.query, src/data/planner): both are traced.
  expect(sql.map((span) => String(span.attributes["db.query.text"])).sort()).toEqual([
    expect.stringMatching(/FROM "work_order" t\d+/),
    expect.stringMatching(/FROM "batch" r\s+WHERE r\."id" = ANY/),
  ]);
});

test("the default gateway (no OTEL_* exporter configured) adds no operation spans", async () => {
  const { batches } = await createBatches(1);
  exporter.reset();
  await query(PlatformBatchLabelDocument, { id: globalId("Batch", batches[0]!.id) });
  expect(exporter.getFinishedSpans().filter((span) => span.name.startsWith("query "))).toEqual([]);
});
