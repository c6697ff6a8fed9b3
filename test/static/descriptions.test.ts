// The docs pane explains the graph: every type, field, argument, input field and enum value
// of schema.graphql has a description (GraphQL's own built-in scalars excepted).
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
} from "graphql";
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";

function undescribed(sdl: string): string[] {
  const schema = buildSchema(sdl);
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (!description?.trim()) missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__") || isSpecifiedScalarType(type)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    }
    if (isInputObjectType(type))
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return missing.sort();
}

test("every type, field, argument and enum value in schema.graphql has a description", () => {
  expect(undescribed(readFileSync(new URL("../../schema.graphql", import.meta.url), "utf8"))).toEqual([]);
});

test("the check notices a missing description", () => {
  expect(
    undescribed('"""A batch."""\ntype Query {\n  """Batches."""\n  batches(first: Int): [String!]!\n  count: Int\n}'),
  ).toEqual(["Query.batches(first:)", "Query.count"]);
});
