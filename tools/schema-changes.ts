// Breaking changes are visible: schema.graphql is compared with schema.released.graphql, the
// schema of the last release, by GraphQL Inspector. Every breaking change must be recorded in
// CHANGELOG.md's "## Unreleased" section, which names each change's schema coordinate in
// backticks (`Mutation.createBatch`, `Query.batches.orderBy`; `*` stands for one part, e.g.
// `Mutation.*`). A field, argument, input field or enum value is removed only after a release
// in which it was @deprecated(reason:): the released schema must show it deprecated.
//
// Why a committed baseline and not "main's last commit": in CI (.ci/run, a clean clone of main)
// main's last commit is HEAD itself, so a comparison with it finds nothing; a baseline that moves
// only at a release gives the same answer on a fresh clone, a shallow clone, a tarball and CI,
// needs no git history, measures what clients of the last release see, and is the only way to
// know that a removed field was deprecated *in a release*. `npm run schema:release -- <version>`
// moves it (scripts/schema-changes.ts).
import { type Change, CriticalityLevel, diff } from "@graphql-inspector/core";
import { type GraphQLSchema, buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from "graphql";

export interface SchemaReview {
  /** Breaking changes with no entry in CHANGELOG.md's Unreleased section. */
  unrecorded: Change[];
  /** Removals of what the released schema did not show as @deprecated. */
  removedUndeprecated: Change[];
  /** Breaking changes that are recorded. */
  recorded: Change[];
  /** Changes Inspector calls dangerous (a new enum value, a changed default): reported, not refused. */
  dangerous: Change[];
}

const REMOVALS = new Set(["FIELD_REMOVED", "FIELD_ARGUMENT_REMOVED", "INPUT_FIELD_REMOVED", "ENUM_VALUE_REMOVED"]);

/** The text of the "## Unreleased" section, up to the next "## " heading. */
export function unreleasedSection(changelog: string): string {
  const start = changelog.search(/^## Unreleased\b/m);
  if (start < 0) return "";
  const rest = changelog.slice(start + 3);
  const end = rest.search(/^## /m);
  return end < 0 ? rest : rest.slice(0, end);
}

/** The schema coordinates an entry names in backticks (`Type`, `Type.field`, `Type.field.argument`, with `*`). */
export function recordedCoordinates(section: string): string[] {
  return [...section.matchAll(/`([A-Za-z_*][\w*]*(?:\.[\w*]+)*)`/g)].map((match) => match[1]!);
}

const covers = (coordinate: string, path: string) => {
  const [wanted, actual] = [coordinate.split("."), path.split(".")];
  return wanted.length === actual.length && wanted.every((part, i) => part === "*" || part === actual[i]);
};

/** Whether the released schema shows the removed element (Type.field[.argument] or Enum.VALUE) as deprecated. */
function wasDeprecated(released: GraphQLSchema, path: string): boolean {
  const [typeName, member, argument] = path.split(".");
  const type = released.getType(typeName!);
  if (isEnumType(type)) return Boolean(type.getValue(member!)?.deprecationReason);
  if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) return false;
  const field = type.getFields()[member!];
  if (!field) return false;
  if (argument === undefined) return Boolean(field.deprecationReason);
  const args = "args" in field ? field.args : [];
  return Boolean(args.find((arg) => arg.name === argument)?.deprecationReason);
}

/** Compares the current schema with the released one and sorts the changes by what they need. */
export async function reviewSchema(releasedSdl: string, currentSdl: string, changelog: string): Promise<SchemaReview> {
  const released = buildSchema(releasedSdl);
  const changes = await diff(released, buildSchema(currentSdl));
  const coordinates = recordedCoordinates(unreleasedSection(changelog));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  const isRecorded = (change: Change) => coordinates.some((coordinate) => covers(coordinate, change.path ?? ""));
  return {
    unrecorded: breaking.filter((change) => !isRecorded(change)),
    removedUndeprecated: breaking.filter(
      (change) => REMOVALS.has(change.type) && !wasDeprecated(released, change.path ?? ""),
    ),
    recorded: breaking.filter(isRecorded),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
  };
}

/** The lines that explain a review to whoever must act on it; empty when it passes. */
export function refusals(review: SchemaReview): string[] {
  return [
    ...review.unrecorded.map(
      (change) => `${change.message} — breaking: record \`${change.path}\` under "## Unreleased" in CHANGELOG.md`,
    ),
    ...review.removedUndeprecated.map(
      (change) =>
        `${change.message} — not @deprecated in the last release: deprecate it (@deprecated(reason:)), ` +
        "release, then remove it",
    ),
  ];
}
