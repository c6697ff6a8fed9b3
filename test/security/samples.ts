// Values of the right type for any argument, to build requests by walking the schema: enough
// to pass coercion and reach what a test examines (auth rules, input limits, the fuzzer).
import { type GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from "graphql";

const SCALARS: Record<string, unknown> = {
  ID: Buffer.from("Batch:1").toString("base64"),
  Int: 1,
  Float: 1,
  Boolean: false,
  DateTime: "2026-01-01T00:00:00Z",
  JSON: {},
  PositiveInt: 1,
  NonNegativeInt: 0,
  UUID: "00000000-0000-4000-8000-000000000000",
};

/** A value for `type`: input objects with their required fields only, lists of one. */
export function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (field) => isNonNullType(field.type) && field.defaultValue === undefined,
    );
    return Object.fromEntries(fields.map((field) => [field.name, sample(field.type)]));
  }
  return isScalarType(type) ? (SCALARS[type.name] ?? "x") : null;
}
