// Requests that put a hostile text at every String/ID/JSON argument path of every root field,
// e.g. input.requests[0].body, one request per path: for the input-limit tests.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";
import { DEFAULT_MAX_LENGTH, limitOf } from "../../src/graphql/transforms/input-limits.ts";
import { sample } from "./samples.ts";

export const isText = (type: GraphQLInputType) => getNamedType(type).name in DEFAULT_MAX_LENGTH;

type TextPath = { path: string[]; limit: number };

/** Every path to a text value below an argument ("0" for a list's first item), with its limit. */
function textPaths(name: string, type: GraphQLInputType, limit: number | undefined, depth = 0): TextPath[] {
  const named = getNamedType(type);
  const here = isListType(isNonNullType(type) ? type.ofType : type) ? [name, "0"] : [name];
  if (isText(type)) return [{ path: here, limit: limit ?? DEFAULT_MAX_LENGTH[named.name]! }];
  if (!isInputObjectType(named) || depth > 4) return [];
  return Object.values(named.getFields()).flatMap((field) =>
    textPaths(field.name, field.type, limitOf(field), depth + 1).map((found) => ({
      ...found,
      path: [...here, ...found.path],
    })),
  );
}

/** The path as errors name it: input.requests[0].body. */
const fieldPath = (path: string[]) =>
  path.reduce((text, part) => (/^\d+$/.test(part) ? `${text}[${part}]` : text ? `${text}.${part}` : part), "");

type InputObject = { getFields(): Record<string, GraphQLInputField> };
const fieldsOf = (type: GraphQLInputType) => (getNamedType(type) as InputObject).getFields();

/** Sets the value at `path` below argument `arg`, filling missing input objects with their required fields. */
function setAt(root: Record<string, unknown>, arg: GraphQLArgument, path: string[], value: unknown) {
  let node = root;
  let type: GraphQLInputType = arg.type;
  path.forEach((part, i) => {
    const unwrapped = isNonNullType(type) ? type.ofType : type;
    if (i > 0) type = isListType(unwrapped) ? unwrapped.ofType : fieldsOf(unwrapped)[part]!.type;
    if (i === path.length - 1) node[part] = getNamedType(type).name === "JSON" ? { text: value } : value;
    else node = (node[part] ??= sample(type)) as Record<string, unknown>;
  });
}

export interface TextRequest {
  /** e.g. sendMessages(input.messages[0].text) */
  name: string;
  /** The path the refusal must name. */
  field: string;
  body: { query: string; variables: Record<string, unknown> };
}

type Hostile = (limit: number) => string;

function requestsFor(kind: string, field: GraphQLField<unknown, unknown>, hostile: Hostile): TextRequest[] {
  const declared = field.args.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const passed = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const selection = "getFields" in getNamedType(field.type) ? " { __typename }" : "";
  const query = `${kind}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`;
  const required = field.args.filter((other) => isNonNullType(other.type));
  return field.args.flatMap((arg) =>
    textPaths(arg.name, arg.type, limitOf(arg)).map(({ path, limit }) => {
      const variables = Object.fromEntries(required.map((other) => [other.name, sample(other.type)]));
      setAt(variables, arg, path, hostile(limit));
      return { name: `${field.name}(${fieldPath(path)})`, field: fieldPath(path), body: { query, variables } };
    }),
  );
}

/** One request per text argument path of every query, mutation and subscription field. */
export function textRequests(schema: GraphQLSchema, hostile: Hostile): TextRequest[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return roots.flatMap((root) =>
    Object.values(root?.getFields() ?? {}).flatMap((field) => requestsFor(root!.name.toLowerCase(), field, hostile)),
  );
}
