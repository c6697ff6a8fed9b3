// Every mutation of every domain is made by the kit (src/domains/processes/mutation-kit.ts): the schema
// is walked and the first field that is not fails the test; a schema with one cannot be built.
import {
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  getNamedType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { expect, test } from "vitest";
import { schema } from "../../src/app/schema.ts";
import { checkRecordedMutations } from "../../src/domains/processes/mutation-kit.ts";

test(
  "every Mutation field is nullable, made by recordedMutation, takes one input and returns a payload with its " +
    "ProcessStatus",
  () => {
    const fields = Object.values(schema.getMutationType()!.getFields());
    expect(fields.length).toBe(13);
    for (const field of fields) {
      const where = `Mutation.${field.name}`;
      expect(isNonNullType(field.type), `${where} must be nullable`).toBe(false);
      expect(field.extensions.recordedMutation, `${where} must come from recordedMutation`).toBe(true);
      expect(
        field.args.map((arg) => [arg.name, isNonNullType(arg.type)]),
        where,
      ).toEqual([["input", true]]);
      const payload = getNamedType(field.type);
      expect(isObjectType(payload), where).toBe(true);
      const processStatus = (payload as GraphQLObjectType).getFields().processStatus;
      expect(processStatus && String(processStatus.type), `${where}: ${payload.name}.processStatus`).toBe(
        "ProcessStatus!",
      );
    }
  },
);

test("a Mutation field made some other way keeps the schema from being built", () => {
  const handMade = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: { ok: { type: GraphQLString } } }),
    mutation: new GraphQLObjectType({
      name: "Mutation",
      fields: { sneak: { type: new GraphQLNonNull(GraphQLString), resolve: () => "x" } },
    }),
  });
  expect(() => checkRecordedMutations(handMade)).toThrow(/Mutation\.sneak is not made by recordedMutation/);
});
