// The dependency rules (.dependency-cruiser.cjs, run on the repository by `npm run lint:deps`)
// each catch what they forbid: a small tree that breaks every rule once is cruised with them, and
// each break must be reported under its rule, while the imports the layers allow are not.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { cruise, type IForbiddenRuleType, type IViolation } from "dependency-cruiser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const config = createRequire(import.meta.url)("../../.dependency-cruiser.cjs") as { forbidden: IForbiddenRuleType[] };

/** Each file of the tree and the files it imports. */
const TREE: Record<string, string[]> = {
  "src/server.ts": ["src/app/gateway.ts"],
  "src/app/gateway.ts": ["src/app/schema.ts", "src/pipeline/security/limits.ts", "src/domains/letters/a.ts"],
  "src/app/schema.ts": ["src/graphql/builder.ts", "src/domains/processes/kit.ts"],
  "src/app/jobs.ts": ["src/app/domains.ts"],
  "src/app/domains.ts": ["src/app/schema.ts"],
  "src/config/env.ts": [],
  "src/config/logger.ts": ["src/config/env.ts", "src/data/seed.ts"],
  "src/graphql/builder.ts": ["src/config/env.ts"],
  "src/graphql/ids.ts": ["src/data/seed.ts"],
  "src/data/db.ts": ["src/graphql/builder.ts", "src/generated/prisma/client.ts"],
  "src/data/seed.ts": ["tools/postgres.ts", "src/domains/messages/m.ts"],
  "src/domains/letters/a.ts": ["src/domains/letters/b.ts", "src/data/db.ts"],
  "src/domains/letters/b.ts": ["src/domains/letters/a.ts"],
  "src/domains/processes/kit.ts": ["src/graphql/builder.ts", "src/generated/prisma/client.ts"],
  "src/domains/messages/m.ts": [
    "src/domains/processes/kit.ts",
    "src/domains/letters/b.ts",
    "src/pipeline/security/limits.ts",
  ],
  "src/pipeline/security/limits.ts": ["src/domains/processes/kit.ts"],
  "src/pipeline/federation/subgraph.ts": ["src/app/schema.ts", "src/data/db.ts"],
  "src/pipeline/delivery/cache.ts": ["src/generated/prisma/client.ts"],
  "src/generated/prisma/client.ts": [],
  "scripts/worker.ts": ["src/app/jobs.ts"],
  "bench/run.ts": ["test/helpers.ts"],
  "tools/postgres.ts": [],
  "test/helpers.ts": [],
};

/** [rule, from, to] that must be reported. */
const BREAKS: Array<[string, string, string]> = [
  ["no-cycles", "src/domains/letters/a.ts", "src/domains/letters/b.ts"],
  ["config-imports-only-config", "src/config/logger.ts", "src/data/seed.ts"],
  ["graphql-glue-imports-only-config", "src/graphql/ids.ts", "src/data/seed.ts"],
  ["data-layer-below-domains-and-pipeline", "src/data/seed.ts", "src/domains/messages/m.ts"],
  ["domains-not-pipeline", "src/domains/messages/m.ts", "src/pipeline/security/limits.ts"],
  ["domains-only-build-on-processes", "src/domains/messages/m.ts", "src/domains/letters/b.ts"],
  ["pipeline-not-domains", "src/pipeline/security/limits.ts", "src/domains/processes/kit.ts"],
  ["only-the-app-imports-the-app", "src/pipeline/federation/subgraph.ts", "src/app/schema.ts"],
  ["generated-client-only-in-data-and-domains", "src/pipeline/delivery/cache.ts", "src/generated/prisma/client.ts"],
  ["not-to-test", "bench/run.ts", "test/helpers.ts"],
  ["src-not-to-tooling", "src/data/seed.ts", "tools/postgres.ts"],
  ["worker-never-builds-the-schema", "scripts/worker.ts", "src/app/schema.ts"],
];

/** Imports the layers allow: none may be reported. */
const ALLOWED: Array<[string, string]> = [
  ["src/server.ts", "src/app/gateway.ts"],
  ["src/app/gateway.ts", "src/domains/letters/a.ts"],
  ["src/app/gateway.ts", "src/pipeline/security/limits.ts"],
  ["src/graphql/builder.ts", "src/config/env.ts"],
  ["src/config/logger.ts", "src/config/env.ts"],
  ["src/data/db.ts", "src/graphql/builder.ts"],
  ["src/data/db.ts", "src/generated/prisma/client.ts"],
  ["src/domains/letters/a.ts", "src/data/db.ts"],
  ["src/domains/messages/m.ts", "src/domains/processes/kit.ts"],
  ["src/domains/processes/kit.ts", "src/generated/prisma/client.ts"],
  ["src/pipeline/federation/subgraph.ts", "src/data/db.ts"],
];

let root: string;
let violations: IViolation[];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "dependency-rules-"));
  for (const [file, imports] of Object.entries(TREE)) {
    const path = join(root, file);
    mkdirSync(dirname(path), { recursive: true });
    const specifier = (target: string) => `./${relative(dirname(file), target)}`.replace(/^\.\/\.\.\//, "../");
    writeFileSync(path, `${imports.map((target) => `import "${specifier(target)}";`).join("\n")}\nexport {};\n`);
  }
  const result = await cruise(["src", "scripts", "bench", "tools"], {
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
    tsPreCompilationDeps: true,
    doNotFollow: { path: ["node_modules", "^src/generated/"] },
  });
  if (typeof result.output === "string") throw new Error("expected a cruise result");
  violations = result.output.summary.violations;
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("every dependency rule reports what it forbids", () => {
  test("each rule of .dependency-cruiser.cjs has a break in the tree", () => {
    expect(config.forbidden).toHaveLength(BREAKS.length);
    expect(new Set(BREAKS.map(([rule]) => rule))).toEqual(new Set(config.forbidden.map((rule) => rule.name)));
  });

  test.each(BREAKS)("%s: %s → %s", (rule, from, to) => {
    const reported = violations.filter((violation) => violation.rule.name === rule);
    expect(reported.map((violation) => [violation.from, violation.to])).toContainEqual([from, to]);
  });

  test("imports the layers allow are not reported", () => {
    const reported = violations.map((violation) => `${violation.from} → ${violation.to}`);
    expect(reported.length).toBeGreaterThanOrEqual(BREAKS.length);
    for (const [from, to] of ALLOWED) expect(reported).not.toContain(`${from} → ${to}`);
  });

  test("the tree has the one cycle it was made with", () => {
    const cycles = violations.filter((violation) => violation.rule.name === "no-cycles");
    expect(cycles.length).toBeGreaterThan(0);
    for (const { from } of cycles) expect(["src/domains/letters/a.ts", "src/domains/letters/b.ts"]).toContain(from);
  });
});
