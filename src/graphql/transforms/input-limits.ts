// Every String, ID and JSON argument and input field has a maximum length, declared once: a
// default per scalar below, or `extensions: maxLength(n)` on the argument where its domain needs
// another. `withInputLimits` records the limit on each of them and appends it to the
// description (unless the description already names it); `inputValueErrors` refuses longer
// values and NUL characters, which PostgreSQL cannot store in text, before any resolver runs.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  type GraphQLArgumentConfig,
  type GraphQLInputFieldConfig,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
} from "graphql";
import { env } from "../../config/env.ts";
import { domainError } from "../errors.ts";
import { valueShape } from "../value-shape.ts";

/** Longest value per scalar, in characters (JSON: as JSON text), unless an argument declares its own. */
export const DEFAULT_MAX_LENGTH: Readonly<Record<string, number>> = {
  String: 200,
  ID: 100,
  JSON: 4_000,
};

/** Spread into an argument's or input field's `extensions` to give it its own limit. */
export const maxLength = (characters: number) => ({ maxLength: characters });

type Extensions = Readonly<Record<string, unknown>> | null | undefined;

export function limitOf(config: { extensions?: Extensions }): number | undefined {
  const limit = config.extensions?.maxLength;
  return typeof limit === "number" ? limit : undefined;
}

function described(description: string | null | undefined, type: GraphQLInputType, limit: number): string {
  const scalar = getNamedType(type).name;
  const text = (description ?? "").trim();
  if (new RegExp(`\\b${limit} characters`).test(text)) return text;
  const unit = scalar === "JSON" ? "characters as JSON" : "characters";
  const each = isListType(isNonNullType(type) ? type.ofType : type) ? "Each at most" : "At most";
  return `${text}${text && !/[.!?]$/.test(text) ? "." : ""}${text ? " " : ""}${each} ${limit} ${unit}.`;
}

function withLimit<C extends GraphQLArgumentConfig | GraphQLInputFieldConfig>(config: C): C {
  const fallback = DEFAULT_MAX_LENGTH[getNamedType(config.type).name];
  const limit = limitOf(config) ?? fallback;
  if (limit === undefined) return config;
  return {
    ...config,
    description: described(config.description, config.type, limit),
    extensions: { ...config.extensions, maxLength: limit },
  };
}

/** The schema with every String/ID/JSON argument and input field carrying its limit. */
export function withInputLimits(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.ARGUMENT]: (config) => withLimit(config),
    [MapperKind.INPUT_OBJECT_FIELD]: (config) => withLimit(config),
  });
}

type Problem = { path: string; message: string };

const NUL = (path: string) => ({ path, message: `"${path}" must not contain NUL characters (\\u0000)` });

function checkText(value: string, limit: number, path: string, problems: Problem[]) {
  if (value.length > limit) {
    problems.push({ path, message: `"${path}" must be at most ${limit} characters, got ${value.length}` });
  } else if (value.includes("\u0000")) {
    problems.push(NUL(path));
  }
}

function checkJson(value: unknown, limit: number, path: string, problems: Problem[]) {
  const maxDepth = env.limits.maxVariableDepth;
  const shape = valueShape(value, maxDepth);
  if (shape.depth > maxDepth) {
    problems.push({ path, message: `"${path}" is nested more than ${maxDepth} levels deep (MAX_VARIABLE_DEPTH)` });
  } else if (shape.hasNul) {
    problems.push(NUL(path));
  } else {
    const length = JSON.stringify(value)?.length ?? 0;
    if (length > limit) {
      problems.push({ path, message: `"${path}" must be at most ${limit} characters as JSON, got ${length}` });
    }
  }
}

function walk(value: unknown, type: GraphQLInputType, limit: number | undefined, path: string, problems: Problem[]) {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return walk(value, type.ofType, limit, path, problems);
  if (isListType(type)) {
    if (!Array.isArray(value)) return walk(value, type.ofType, limit, path, problems); // coerced to a list of one
    for (const [index, item] of value.entries()) walk(item, type.ofType, limit, `${path}[${index}]`, problems);
    return;
  }
  if (isInputObjectType(type)) {
    const fields = type.getFields();
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[name];
      if (field) walk(item, field.type, limitOf(field), `${path}.${name}`, problems);
    }
    return;
  }
  if (limit === undefined) return;
  if (type.name === "JSON") checkJson(value, limit, path, problems);
  else if (typeof value === "string") checkText(value, limit, path, problems);
}

/** BAD_USER_INPUT errors for a field's coerced arguments that are too long or hold NUL characters. */
export function inputValueErrors(
  args: readonly { name: string; type: GraphQLInputType; extensions?: Extensions }[],
  values: Record<string, unknown>,
  fieldPath: string,
) {
  const problems: Problem[] = [];
  for (const arg of args) walk(values[arg.name], arg.type, limitOf(arg), arg.name, problems);
  return problems.map(({ path, message }) =>
    domainError("BAD_USER_INPUT", `${message} (in ${fieldPath})`, { field: path, http: { status: 400 } }),
  );
}
