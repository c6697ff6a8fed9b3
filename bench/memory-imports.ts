// What each part of the gateway adds to the resident memory at start-up, imported one after
// another in this process with a full GC before each reading (docs/PERFORMANCE.md, "Memory"):
//   DATABASE_URL=postgresql://…/db node --expose-gc --import tsx bench/memory-imports.ts
// RSS moves in steps the allocator decides, so run it twice and read differences, not totals.
process.env.NODE_ENV ??= "production";
process.env.JWT_SECRET ??= "memory-imports-secret-memory-imports-secret";
process.env.LOG_LEVEL ??= "warn";
if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL must name a migrated database");

const mb = (bytes: number) => Math.round(bytes / 1048576);
function show(step: string): void {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  console.log(
    `${step.padEnd(44)} rss ${mb(m.rss)} MB, heap ${mb(m.heapTotal)} MB (used ${mb(m.heapUsed)}), external ${mb(m.external)} MB`,
  );
}

show("node + tsx");
await import("graphql");
show("+ graphql");
await import("graphql-yoga");
show("+ graphql-yoga");
await import("@graphql-yoga/render-graphiql");
show("+ @graphql-yoga/render-graphiql (lazy now)");
const { db } = await import("../src/data/db.ts");
show("+ the Prisma client (src/data/db.ts)");
await db.prisma.$queryRawUnsafe("SELECT 1");
show("+ Prisma's first query (its query compiler)");
await db.prisma.batch.findFirst();
show("+ a model query");
await import("../src/app/schema.ts");
show("+ the schema");
await import("../src/app/gateway.ts");
show("+ the gateway (Yoga and its plugins)");
await db.close();
