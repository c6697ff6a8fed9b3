// OpenTelemetry traces, opt-in through the standard OTEL_* variables (OTEL_EXPORTER_OTLP_ENDPOINT,
// OTEL_TRACES_EXPORTER, OTEL_SERVICE_NAME, ...): one span per GraphQL operation and, below it,
// a span per SQL statement (Prisma's, and ours for statements sent past Prisma with db.query). The SDK is imported only
// when tracing is on, so the
// default path loads nothing of it.
import type { SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { getOperationAST } from "graphql";
import type { Plugin } from "graphql-yoga";
import { traceQueries } from "../../data/database.ts";
import { env } from "../../config/env.ts";

// Set by startTracing; until then the operation plugin does nothing and loads nothing.
let otel: typeof import("@opentelemetry/api") | undefined;

/** Stops tracing and flushes the spans not yet exported. */
export type StopTracing = () => Promise<void>;

/**
 * Starts the OpenTelemetry SDK with Prisma's instrumentation. Without `spanProcessors` the
 * exporter comes from OTEL_TRACES_EXPORTER / OTEL_EXPORTER_OTLP_* as the SDK reads them.
 */
export async function startTracing(spanProcessors?: SpanProcessor[]): Promise<StopTracing> {
  const [{ NodeSDK }, { PrismaInstrumentation }, api] = await Promise.all([
    import("@opentelemetry/sdk-node"),
    import("@prisma/instrumentation"),
    import("@opentelemetry/api"),
  ]);
  otel = api;
  const prisma = new PrismaInstrumentation();
  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || "batch-gateway",
    instrumentations: [prisma],
    ...(spanProcessors ? { spanProcessors } : {}),
  });
  sdk.start();
  const tracer = api.trace.getTracer("batch-gateway");
  traceQueries((text, run) =>
    tracer.startActiveSpan(
      "db.query",
      { kind: api.SpanKind.CLIENT, attributes: { "db.system.name": "postgresql", "db.query.text": text } },
      async (span) => {
        try {
          return await run();
        } catch (error) {
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    ),
  );
  return async () => {
    traceQueries(undefined);
    otel = undefined;
    prisma.disable();
    await sdk.shutdown();
  };
}

/** A span per executed operation, active while it runs so the SQL spans nest under it. */
export function operationTracingPlugin(): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      if (!otel) return;
      const { SpanStatusCode, trace } = otel;
      const tracer = trace.getTracer("batch-gateway");
      const operation = getOperationAST(args.document, args.operationName);
      const type = operation?.operation ?? "query";
      const name = operation?.name?.value;
      setExecuteFn((executeArgs) =>
        tracer.startActiveSpan(name ? `${type} ${name}` : type, async (span) => {
          span.setAttributes({ "graphql.operation.type": type, ...(name ? { "graphql.operation.name": name } : {}) });
          try {
            const result = await executeFn(executeArgs);
            const errors = Symbol.asyncIterator in result ? [] : (result.errors ?? []);
            if (errors.length) span.setStatus({ code: SpanStatusCode.ERROR, message: errors[0]!.message });
            return result;
          } finally {
            span.end();
          }
        }),
      );
    },
  };
}

// Top-level await: the exporter is running before the first request is served.
/** Flushes and stops tracing at shutdown (a no-op when tracing is off). */
export const stopTracing: StopTracing = env.otelTracing ? await startTracing() : async () => {};
