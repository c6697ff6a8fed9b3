// Read scopes of object types, checked where a query first reaches the type instead of around
// each of its fields. A type declares its scope with `...readScope("batch:read")`; the schema is
// then analysed once: every field that returns the type from a place where that scope is not
// already guaranteed (by the parent type's own scope, or by a root field's authScopes, along
// every path from the root) checks it before resolving. Fields returning an interface or union
// (node, nodes, _entities) check each value's concrete type after resolving.
//
// Why not Pothos scope-auth's type scopes: without runScopesOnType it wraps every field of a
// scoped type (14% of a nested 50-batch query's CPU); with it, it checks in isTypeOf, which
// graphql-jit (src/graphql/execution/compiled-execution.ts) calls without the context. Here a page of 50
// batches with their cycles checks nothing below the root field but the 50 edges' `node`
// (batches need batch:all to list and batch:read to read). Root and field-level authScopes stay
// with scope-auth.
import { MapperKind, mapSchema } from "@graphql-tools/utils";
import {
  type GraphQLAbstractType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLTypeResolver,
  defaultFieldResolver,
  defaultTypeResolver,
  getNamedType,
  isAbstractType,
  isObjectType,
} from "graphql";
import type { Context } from "../context.ts";
import { authenticationRequired, domainError } from "../errors.ts";
import type { Scope } from "../scopes.ts";

/**
 * Spread into an object type's options: reading any of its fields needs this scope. A type read
 * in bulk by its own root field (messagesByIds, processStatuses) gives that field's limit as
 * `maxIdsPerRequest`, so nodes(ids:) and _entities fetch no more of it (src/graphql/transforms/node-limits.ts).
 */
export const readScope = (scope: Scope, options: { maxIdsPerRequest?: number } = {}) => ({
  extensions: { readScope: scope, ...options },
});

const scopeOfType = (type: GraphQLNamedType): Scope | undefined => type.extensions?.readScope as Scope | undefined;

/** The scope a field's own authScopes require (scope-auth checks it before the field resolves). */
function scopeOfField(field: GraphQLField<unknown, unknown>): Scope | undefined {
  const options = field.extensions?.pothosOptions as { authScopes?: { scope?: unknown } } | undefined;
  const scope = options?.authScopes?.scope;
  return typeof scope === "string" ? (scope as Scope) : undefined;
}

/** The object types a field can return: the type itself, or an interface's or union's members. */
function targetsOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): readonly GraphQLObjectType[] {
  const named = getNamedType(field.type);
  if (isObjectType(named)) return [named];
  return isAbstractType(named) ? schema.getPossibleTypes(named) : [];
}

const rootTypes = (schema: GraphQLSchema) =>
  [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter((type) => type != null);

/**
 * For each object type reachable from the roots, the scopes checked on every path to it: a
 * fixpoint that starts from nothing at the roots and intersects over each type's incoming fields.
 */
export function guaranteedScopes(schema: GraphQLSchema): Map<string, ReadonlySet<Scope>> {
  const guaranteed = new Map<string, ReadonlySet<Scope>>();
  const pending: GraphQLObjectType[] = [];
  for (const root of rootTypes(schema)) {
    guaranteed.set(root.name, new Set());
    pending.push(root);
  }
  while (pending.length) {
    const parent = pending.pop()!;
    for (const field of Object.values(parent.getFields())) {
      const entry = new Set(guaranteed.get(parent.name));
      const fieldScope = scopeOfField(field);
      if (fieldScope) entry.add(fieldScope);
      for (const target of targetsOf(schema, field)) {
        const incoming = new Set(entry);
        const own = scopeOfType(target);
        if (own) incoming.add(own);
        const known = guaranteed.get(target.name);
        const next = known ? new Set([...known].filter((scope) => incoming.has(scope))) : incoming;
        if (!known || next.size !== known.size) {
          guaranteed.set(target.name, next);
          pending.push(target);
        }
      }
    }
  }
  return guaranteed;
}

/** The error for a token that lacks `scope`, or undefined when it has it. */
function denial(context: Context, scope: Scope) {
  if (context.viewer?.scopes.has(scope)) return undefined;
  return context.viewer
    ? domainError(
        "FORBIDDEN",
        `Not allowed to read ${scope.split(":")[0]} data here: the token lacks the scope ${scope}`,
        { scope },
      )
    : authenticationRequired();
}

const isPromise = (value: unknown): value is Promise<unknown> => value instanceof Promise;

/**
 * A resolver that, before resolving, fails unless the token has `scope` (a field returning a
 * scoped object type).
 */
function checkedBefore(
  resolve: GraphQLFieldResolver<unknown, Context>,
  scope: Scope,
): GraphQLFieldResolver<unknown, Context> {
  return (parent, args, context, info) => {
    const error = denial(context, scope);
    if (error) throw error;
    return resolve(parent, args, context, info);
  };
}

/**
 * A resolver whose values (or list items) become errors when their concrete type needs a scope
 * the token lacks (a field returning an interface or union). Not in resolveType: graphql-jit
 * does not catch errors thrown there.
 */
function checkedAfter(
  resolve: GraphQLFieldResolver<unknown, Context>,
  type: GraphQLAbstractType,
  scopes: ReadonlyMap<string, Scope>,
): GraphQLFieldResolver<unknown, Context> {
  const resolveType = (type.resolveType ?? defaultTypeResolver) as GraphQLTypeResolver<unknown, Context>;
  return (parent, args, context, info) => {
    const checked = (value: unknown): unknown => {
      if (value == null || value instanceof Error) return value;
      const withName = (name: string | undefined) => {
        const scope = name === undefined ? undefined : scopes.get(name);
        return (scope && denial(context, scope)) || value;
      };
      const name = resolveType(value, context, info, type);
      return isPromise(name) ? name.then(withName) : withName(name);
    };
    const each = (value: unknown): unknown => {
      if (isPromise(value)) return value.then(each);
      return Array.isArray(value)
        ? value.map((item) => (isPromise(item) ? item.then(checked) : checked(item)))
        : checked(value);
    };
    return each(resolve(parent, args, context, info));
  };
}

/** The schema with its types' read scopes enforced (see the top of this file). */
export function withTypeScopes(schema: GraphQLSchema): GraphQLSchema {
  const guaranteed = guaranteedScopes(schema);
  /** "Parent.field" → the scope to check before resolving it (fields returning an object type). */
  const before = new Map<string, Scope>();
  /** "Parent.field" → concrete type → the scope its values need (fields returning an interface or union). */
  const after = new Map<string, Map<string, Scope>>();
  for (const [parentName, scopes] of guaranteed) {
    const parent = schema.getType(parentName) as GraphQLObjectType;
    for (const field of Object.values(parent.getFields())) {
      const covered = (scope: Scope) => scopes.has(scope) || scopeOfField(field) === scope;
      const named = getNamedType(field.type);
      const coordinate = `${parentName}.${field.name}`;
      if (isObjectType(named)) {
        const scope = scopeOfType(named);
        if (scope && !covered(scope)) before.set(coordinate, scope);
      } else if (isAbstractType(named)) {
        const needed = new Map<string, Scope>();
        for (const target of schema.getPossibleTypes(named)) {
          const scope = scopeOfType(target);
          if (scope && !covered(scope)) needed.set(target.name, scope);
        }
        if (needed.size) after.set(coordinate, needed);
      }
    }
  }
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName, typeName) => {
      const coordinate = `${typeName}.${fieldName}`;
      const resolve: GraphQLFieldResolver<unknown, Context> = config.resolve ?? defaultFieldResolver;
      const scope = before.get(coordinate);
      if (scope) return { ...config, resolve: checkedBefore(resolve, scope) };
      const scopes = after.get(coordinate);
      if (scopes)
        return { ...config, resolve: checkedAfter(resolve, getNamedType(config.type) as GraphQLAbstractType, scopes) };
      return config;
    },
  });
}
