// Random queries generated from the schema, seeded so a failure reproduces: random root fields
// with random arguments (filters, orderings, page sizes, ids and cursors taken from earlier
// answers), random selections below them through every object, list and connection, with
// aliases, inline and named fragments, repeated fields with other arguments, and @include.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

export type Random = ReturnType<typeof prng>;

/** What earlier answers showed: global ids per type, cursors per connection field. */
export interface Pools {
  ids: Map<string, string[]>;
  cursors: Map<string, string[]>;
}

export function collectPools(
  pools: Pools,
  schema: GraphQLSchema,
  value: unknown,
  type: GraphQLNamedType | undefined,
  coordinate = "",
): void {
  if (value == null || type == null) return;
  if (Array.isArray(value)) {
    for (const item of value) collectPools(pools, schema, item, type, coordinate);
    return;
  }
  if (typeof value !== "object") return;
  const record = value as Record<string, unknown>;
  const concrete =
    isAbstractType(type) && typeof record.__typename === "string" ? schema.getType(record.__typename) : type;
  if (!isObjectType(concrete)) return;
  if (typeof record.id === "string" && concrete.getInterfaces().some((i) => i.name === "Node")) {
    const list = pools.ids.get(concrete.name) ?? [];
    if (!list.includes(record.id) && list.length < 50) list.push(record.id);
    pools.ids.set(concrete.name, list);
  }
  for (const [key, child] of Object.entries(record)) {
    const field = concrete.getFields()[key];
    if (!field) continue;
    if (key === "edges" && Array.isArray(child)) {
      for (const edge of child as { cursor?: string }[]) {
        if (typeof edge?.cursor === "string") {
          const list = pools.cursors.get(coordinate) ?? [];
          if (list.length < 50) list.push(edge.cursor);
          pools.cursors.set(coordinate, list);
        }
      }
    }
    const next = key === "edges" || key === "node" || key === "pageInfo" ? coordinate : `${concrete.name}.${key}`;
    collectPools(pools, schema, child, getNamedType(field.type), next);
  }
}

export interface GeneratorOptions {
  schema: GraphQLSchema;
  random: Random;
  pools: Pools;
  /** Root fields to start from. */
  roots: readonly string[];
  maxDepth?: number;
}

const PAGE_ARGS = new Set(["first", "last", "after", "before"]);
const TEXT = ["1", "0", "Box", "a", "WO", "e", "%", "_", ""];

export class QueryGenerator {
  private fragments: string[] = [];
  private variables: string[] = [];
  private values: Record<string, unknown> = {};
  private aliases = 0;

  constructor(private readonly options: GeneratorOptions) {}

  /** One document with its variables. */
  generate(): { query: string; variables: Record<string, unknown> } {
    this.fragments = [];
    this.variables = [];
    this.values = {};
    this.aliases = 0;
    const { random, schema } = this.options;
    const query = schema.getQueryType()!;
    const roots = Array.from({ length: random.int(1, 2) }, () => random.pick(this.options.roots));
    const selections = roots.flatMap((name) => {
      const field = query.getFields()[name]!;
      return [this.field(query, field, 0, "")];
    });
    const head = this.variables.length ? `(${this.variables.join(", ")})` : "";
    return {
      query: [`query Generated${head} { ${selections.join(" ")} }`, ...this.fragments].join("\n"),
      variables: this.values,
    };
  }

  private alias(): string {
    return this.aliases < 8 && this.options.random.chance(0.25) ? `a${this.aliases++}: ` : "";
  }

  private field(
    parent: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    depth: number,
    prefix: string,
  ): string {
    const named = getNamedType(field.type);
    const args = this.args(parent, field);
    const include = this.options.random.chance(0.05) ? this.include() : "";
    const head = `${prefix}${this.alias()}${field.name}${args}${include}`;
    if (isLeafType(named)) return head;
    return `${head} { ${this.selection(named, depth + 1)} }`;
  }

  private include(): string {
    const name = `v${this.variables.length}`;
    this.variables.push(`$${name}: Boolean!`);
    this.values[name] = this.options.random.chance(0.5);
    return ` @include(if: $${name})`;
  }

  private selection(type: GraphQLNamedType, depth: number): string {
    const { random, schema } = this.options;
    const maxDepth = this.options.maxDepth ?? 6;
    if (isAbstractType(type)) {
      const members = schema.getPossibleTypes(type);
      const parts = [
        "__typename",
        ...members
          .filter(() => random.chance(0.6))
          .map((member) => `... on ${member.name} { ${this.selection(member, depth)} }`),
      ];
      return parts.join(" ");
    }
    if (!isObjectType(type)) return "__typename";
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const deeper = depth < maxDepth ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
    const chosen = [
      ...leaves.filter(() => random.chance(0.4)),
      ...deeper.filter((f) => random.chance(f.name === "edges" || f.name === "node" ? 0.95 : 0.3)),
    ];
    // Now and then one field twice, under another alias (and other arguments when it has some).
    if (chosen.length && this.aliases < 8 && random.chance(0.2)) chosen.push(random.pick(chosen));
    const parts = chosen.map((field) => this.field(type, field, depth, ""));
    if (!parts.length) parts.push(leaves.length ? random.pick(leaves).name : "__typename");
    if (random.chance(0.1)) parts.push(`${this.alias()}__typename`);
    if (random.chance(0.15)) {
      const name = `F${this.fragments.length}`;
      this.fragments.push(
        `fragment ${name} on ${type.name} { ${parts.splice(0, Math.ceil(parts.length / 2)).join(" ") || "__typename"} }`,
      );
      parts.push(`...${name}`);
    }
    if (random.chance(0.1) && parts.length > 1) parts.push(`... on ${type.name} { ${parts.splice(0, 1).join(" ")} }`);
    return parts.join(" ");
  }

  private args(parent: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string {
    const { random } = this.options;
    const coordinate = `${parent.name}.${field.name}`;
    const names = new Set(field.args.map((arg) => arg.name));
    const out: string[] = [];
    if (names.has("first") || names.has("last")) {
      const backwards = names.has("last") && random.chance(0.3);
      const size = random.int(0, 4);
      if (random.chance(0.3)) out.push(this.variable(backwards ? "last" : "first", "Int", size));
      else out.push(`${backwards ? "last" : "first"}: ${size}`);
      const cursors = this.options.pools.cursors.get(coordinate);
      if (cursors?.length && random.chance(0.4))
        out.push(`${backwards ? "before" : "after"}: ${JSON.stringify(random.pick(cursors))}`);
    }
    const withCursor = out.some((part) => part.startsWith("after") || part.startsWith("before"));
    for (const arg of field.args) {
      if (PAGE_ARGS.has(arg.name)) continue;
      // A cursor is valid for the ordering that issued it: the pool's come from default orderings.
      if (arg.name === "orderBy" && withCursor) continue;
      if (!isNonNullType(arg.type) && !random.chance(0.4)) continue;
      const value = this.value(arg, arg.type, field.name);
      if (value !== undefined) out.push(`${arg.name}: ${value}`);
    }
    return out.length ? `(${out.join(", ")})` : "";
  }

  private variable(name: string, type: string, value: unknown): string {
    const variable = `v${this.variables.length}`;
    this.variables.push(`$${variable}: ${type}`);
    this.values[variable] = value;
    return `${name}: $${variable}`;
  }

  /** A literal for an argument or input field, or undefined to leave it out; input objects nest at most 3 deep. */
  private value(
    arg: Pick<GraphQLArgument, "name">,
    type: GraphQLInputType,
    fieldName: string,
    depth = 0,
  ): string | undefined {
    const { random, pools } = this.options;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const items = Array.from({ length: random.int(1, 3) }, () =>
        this.value(arg, nullable.ofType as GraphQLInputType, fieldName, depth),
      ).filter((v) => v !== undefined);
      return items.length || isNonNullType(type) ? `[${items.join(", ")}]` : undefined;
    }
    if (isEnumType(nullable)) return random.pick(nullable.getValues()).name;
    if (isInputObjectType(nullable)) {
      // A few fields of each input object (filters offer dozens), fewer the deeper it nests.
      const fields = Object.values(nullable.getFields());
      const required = fields.filter((f) => isNonNullType(f.type));
      const optional = fields.filter(
        (f) => !isNonNullType(f.type) && (depth < 3 || !isInputObjectType(getNamedType(f.type))),
      );
      const chosen = [
        ...required,
        ...Array.from({ length: random.int(0, depth ? 2 : 3) }, () =>
          optional.length ? random.pick(optional) : undefined,
        ),
      ].filter((f, i, all): f is (typeof fields)[number] => f !== undefined && all.indexOf(f) === i);
      const parts = chosen
        .map((f) => {
          const v = this.value(f, f.type, fieldName, depth + 1);
          return v === undefined ? undefined : `${f.name}: ${v}`;
        })
        .filter(Boolean);
      return `{ ${parts.join(", ")} }`;
    }
    if (!isScalarType(nullable)) return undefined;
    switch (nullable.name) {
      case "ID": {
        const typename = idTypeOf(arg.name, fieldName);
        const ids = [...(pools.ids.get(typename) ?? []), ...(typename === "" ? [...pools.ids.values()].flat() : [])];
        return ids.length ? JSON.stringify(random.pick(ids)) : undefined;
      }
      case "Int":
      case "PositiveInt":
      case "NonNegativeInt":
        return String(random.int(1, 5));
      case "Boolean":
        return String(random.chance(0.5));
      case "DateTime":
        return JSON.stringify(new Date(Date.UTC(2026, random.int(0, 11), random.int(1, 28))).toISOString());
      case "String":
        if (arg.name === "timeZone")
          return JSON.stringify(random.pick(["UTC", "Europe/Stockholm", "America/New_York", "Asia/Tokyo"]));
        return JSON.stringify(random.pick(TEXT));
      default:
        return undefined;
    }
  }
}

/** The type of the global id an argument takes, from its name (queueIds → Queue; id of batch(id:) → Batch). */
function idTypeOf(argName: string, fieldName: string): string {
  const base = argName === "id" || argName === "ids" ? fieldName.replace(/s$/, "") : argName.replace(/Ids?$/, "");
  if (base === "node" || base === "node") return "";
  return base.charAt(0).toUpperCase() + base.slice(1);
}
