// Selections built from the schema for tests that select every field of a type in turn.
import { type GraphQLObjectType, getNamedType, isLeafType, isObjectType } from "graphql";
import { schema } from "../../src/app/schema.ts";

/** The field, with its leaves one level down when it returns an object. */
export function selectionOf(type: GraphQLObjectType, name: string): string {
  const returned = getNamedType(type.getFields()[name]!.type);
  if (isLeafType(returned)) return name;
  if (!isObjectType(returned)) return `${name} { __typename }`;
  const leaves = Object.values(returned.getFields()).filter(
    (field) => isLeafType(getNamedType(field.type)) && !field.args.length,
  );
  return `${name} { ${leaves.map((field) => field.name).join(" ")} }`;
}

/** [type, field, selection] for each argument-free field of the type. */
export function fieldSelections(typeName: string) {
  const type = schema.getType(typeName) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((field) => !field.args.length)
    .map((field) => [typeName, field.name, selectionOf(type, field.name)] as const);
}
