// Which object types a root field can return, directly or nested: the basis of the response
// cache's coarse but safe invalidation (see response-cache.ts).
import {
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isInterfaceType,
  isObjectType,
  isUnionType,
} from "graphql";

const memo = new WeakMap<GraphQLSchema, Map<string, ReadonlySet<string>>>();

/** Every object type reachable from a type through its fields (interfaces and unions expanded). */
export function reachableObjectTypes(schema: GraphQLSchema, start: GraphQLNamedType): ReadonlySet<string> {
  let bySchema = memo.get(schema);
  if (!bySchema) memo.set(schema, (bySchema = new Map()));
  const known = bySchema.get(start.name);
  if (known) return known;
  const seen = new Set<string>();
  const pending: GraphQLNamedType[] = [start];
  while (pending.length) {
    const type = pending.pop()!;
    if (seen.has(type.name)) continue;
    seen.add(type.name);
    if (isUnionType(type)) pending.push(...type.getTypes());
    if (isInterfaceType(type)) pending.push(...schema.getPossibleTypes(type));
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values<GraphQLField<unknown, unknown>>(type.getFields())) pending.push(getNamedType(field.type));
    }
  }
  const objects = new Set([...seen].filter((name) => isObjectType(schema.getType(name))));
  bySchema.set(start.name, objects);
  return objects;
}

/** The object types a mutation's payload hands back directly (e.g. Batch and ProcessStatus). */
export function payloadObjectTypes(field: GraphQLField<unknown, unknown>): string[] {
  const payload = getNamedType(field.type);
  const direct = isObjectType(payload) ? Object.values(payload.getFields()).map((f) => getNamedType(f.type)) : [payload];
  return [payload, ...direct].filter((type) => isObjectType(type)).map((type) => type.name);
}
