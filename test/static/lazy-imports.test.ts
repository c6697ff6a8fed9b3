// Packages that cost the process memory (or start-up time) only some requests need are imported
// where they are used, with a dynamic import(), never at the top of a module under src/: a
// static import would load them into every server (measured: docs/PERFORMANCE.md, "Memory").
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

const SRC = join(import.meta.dirname, "..", "..", "src");

/** Package, and why it waits for the request that needs it. */
const LAZY: [string, string][] = [
  ["@graphql-yoga/render-graphiql", "the GraphiQL bundle (9 MB of source): about 70 MB of RSS once imported"],
  ["@opentelemetry/sdk-node", "tracing is opt-in (OTEL_* variables)"],
  ["@prisma/instrumentation", "tracing is opt-in (OTEL_* variables)"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

test("heavy packages are imported lazily (import type is fine)", () => {
  const files = sourceFiles(SRC);
  expect(files.length).toBeGreaterThan(50);
  const offenders: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const [name, why] of LAZY) {
      // `import x from "pkg"` (or a subpath, "pkg/file") or `export … from "pkg"`, but not `import type`.
      const pattern = new RegExp(
        `^\\s*(import|export)\\s+(?!type\\b)[^;]*?from\\s+["']${name.replace(/[/.]/g, "\\$&")}(/[^"']*)?["']`,
        "m",
      );
      if (pattern.test(text)) offenders.push(`${relative(SRC, file)} imports ${name} statically (${why})`);
    }
  }
  expect(offenders).toEqual([]);
});
