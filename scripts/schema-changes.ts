// npm run lint:schema (run by npm test): schema.graphql against the last release's schema
// (schema.released.graphql); fails on a breaking change CHANGELOG.md's Unreleased section does
// not record, or a removal of what that release did not deprecate (tools/schema-changes.ts).
// npm run schema:release -- <version>: at a release, the current schema becomes the baseline and
// the Unreleased entries become that version's.
import { readFileSync, writeFileSync } from "node:fs";
import { refusals, reviewSchema } from "../tools/schema-changes.ts";

const file = (name: string) => new URL(`../${name}`, import.meta.url);
const read = (name: string) => readFileSync(file(name), "utf8");

const review = await reviewSchema(read("schema.released.graphql"), read("schema.graphql"), read("CHANGELOG.md"));
const refused = refusals(review);
// Dangerous changes (a new enum value or optional argument) break only clients that assume a
// closed set; they are listed with --verbose, counted otherwise.
if (process.argv.includes("--verbose"))
  for (const change of review.dangerous) console.warn(`dangerous: ${change.message}`);
else if (review.dangerous.length)
  console.warn(`schema: ${review.dangerous.length} dangerous changes (--verbose lists them)`);
if (refused.length) {
  console.error(
    `schema.graphql breaks clients of the last release (schema.released.graphql):\n- ${refused.join("\n- ")}`,
  );
  process.exit(1);
}
console.log(`schema: ${review.recorded.length} breaking changes since the last release, each recorded in CHANGELOG.md`);

const release = process.argv.indexOf("--release");
if (release >= 0) {
  const version = process.argv[release + 1];
  if (!version || !/^\d+\.\d+\.\d+/.test(version))
    throw new Error("usage: npm run schema:release -- <version, e.g. 0.2.0>");
  const date = new Date().toISOString().slice(0, 10);
  const header =
    `# The schema of release ${version} (${date}): what clients of the last release rely on.\n` +
    "# Written by `npm run schema:release`; `npm run lint:schema` compares schema.graphql with it.\n\n";
  writeFileSync(file("schema.released.graphql"), header + read("schema.graphql"));
  writeFileSync(
    file("CHANGELOG.md"),
    read("CHANGELOG.md").replace(/^## Unreleased\b.*$/m, `## Unreleased\n\n## ${version} (${date})`),
  );
  console.log(`schema.released.graphql is release ${version}; CHANGELOG.md's Unreleased entries are under ${version}`);
}
