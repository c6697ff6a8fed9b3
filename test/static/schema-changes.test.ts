// The breaking-change check (tools/schema-changes.ts, run by `npm run lint:schema` in npm test)
// refuses what it should, on small schemas: an unrecorded breaking change, a removal of what the
// release did not deprecate.
import { describe, expect, test } from "vitest";
import { recordedCoordinates, refusals, reviewSchema, unreleasedSection } from "../../tools/schema-changes.ts";

const RELEASED = `
type Query {
  batch(id: ID!, locale: String @deprecated(reason: "unused")): Batch
  batches(first: Int): [Batch!]!
}
type Batch {
  id: ID!
  label: String!
  code: String @deprecated(reason: "use label")
  status: Status!
}
enum Status { PENDING DONE OLD @deprecated(reason: "never set") }
`;

const changelog = (...entries: string[]) =>
  `# Changelog\n\n## Unreleased\n\n${entries.map((e) => `- ${e}`).join("\n")}\n\n## 0.1.0\n\n- \`Batch.label\` old\n`;

const review = async (current: string, ...entries: string[]) => {
  const result = await reviewSchema(RELEASED, current, changelog(...entries));
  return { ...result, refused: refusals(result) };
};

describe("the breaking-change check", () => {
  test("passes the same schema, and additions", async () => {
    expect((await review(RELEASED)).refused).toEqual([]);
    const added = RELEASED.replace("status: Status!", "status: Status!\n  note: String");
    expect((await review(added)).refused).toEqual([]);
  });

  test("refuses a breaking change until the Unreleased section names its coordinate", async () => {
    const required = RELEASED.replace("batches(first: Int)", "batches(first: Int!)");
    const unrecorded = await review(required);
    expect(unrecorded.unrecorded.map((change) => change.path)).toEqual(["Query.batches.first"]);
    expect(unrecorded.refused[0]).toMatch(/record `Query\.batches\.first` under "## Unreleased"/);
    expect((await review(required, "`Query.batches.first` is required")).refused).toEqual([]);
    expect((await review(required, "`Query.*.first` is required")).refused).toEqual([]);
    expect((await review(required, "`Query.batches` changed")).refused).toHaveLength(1); // not the argument's coordinate
  });

  test("an entry under a released version does not record an unreleased change", async () => {
    const nullable = RELEASED.replace("label: String!", "label: String");
    const result = await reviewSchema(RELEASED, nullable, changelog());
    expect(refusals(result)).toHaveLength(1);
  });

  test("refuses a removal the release did not deprecate, even when recorded", async () => {
    const removed = RELEASED.replace("  label: String!\n", "");
    const result = await review(removed, "`Batch.label` removed");
    expect(result.removedUndeprecated.map((change) => change.path)).toEqual(["Batch.label"]);
    expect(result.refused).toEqual([expect.stringMatching(/not @deprecated in the last release/)]);
  });

  test("accepts a recorded removal of a field, argument or enum value deprecated in the release", async () => {
    const removed = RELEASED.replace('  code: String @deprecated(reason: "use label")\n', "")
      .replace(', locale: String @deprecated(reason: "unused")', "")
      .replace(' OLD @deprecated(reason: "never set")', "");
    const unrecorded = await review(removed);
    expect(unrecorded.unrecorded.map((change) => change.path).sort()).toEqual([
      "Batch.code",
      "Query.batch.locale",
      "Status.OLD",
    ]);
    expect((await review(removed, "`Batch.code`, `Query.batch.locale` and `Status.OLD` removed")).refused).toEqual([]);
  });

  test("reads coordinates from the Unreleased section only", () => {
    const section = unreleasedSection(changelog("`Mutation.*` nullable, `Query.batches.first` required"));
    expect(recordedCoordinates(section)).toEqual(["Mutation.*", "Query.batches.first"]);
    expect(unreleasedSection("# Changelog\n\n## 0.1.0\n- `A.b`\n")).toBe("");
  });
});
