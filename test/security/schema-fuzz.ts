// Requests generated from the schema for the fuzzer: a random root field with a valid selection
// below it, and hostile argument values — huge, empty and NUL-holding strings, forged ids and
// cursors, negative, huge and variable page sizes, wrong types, deeply nested variables — given
// as literals or as variables. Everything comes from one seeded PRNG, so a seed reproduces a run.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
} from "graphql";

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An enum value in a literal (unquoted). */
class EnumValue {
  constructor(readonly name: string) {}
}

/** Where a deeply nested value goes: spliced into the body as text (JSON.stringify would overflow on it). */
export const DEEP = "__deeply_nested__";

const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");

export class SchemaFuzzer {
  private readonly random: () => number;
  private variables: Record<string, unknown> = {};
  private declarations: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
    /** Real global ids (made by the test) mixed in with the forged ones. */
    private readonly knownIds: readonly string[],
  ) {
    this.random = prng(seed);
  }

  private int = (max: number) => Math.floor(this.random() * max);
  private chance = (p: number) => this.random() < p;
  private pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;

  private forgedId(): string {
    const type = this.pick(["Batch", "Cycle", "Queue", "WorkOrder", "Message", "ProcessStatus", "ProvisioningBatch", "Nope", ""]);
    const id = this.pick(["1", "0", "-1", "abc", "1.5", "99999999999999999999", "2147483648", "1\u0000", " 1", ""]);
    return this.pick([base64(`${type}:${id}`), base64(type), "not-an-id", base64url(`${type}:${id}`), "=", "%%%"]);
  }

  private forgedCursor(): string {
    const value = this.pick<unknown>(["not-a-date", null, 1, -1e308, "", "x".repeat(300), { a: 1 }, [1], "\u0000", true]);
    const order = this.pick(["createdAt:desc", "createdAt:asc", "label:asc", "dueDate:asc", "priority:asc", "id", ""]);
    const shape = this.pick<unknown>([[order, value, 1], [order, value], [order, value, "1"], [order, value, 2 ** 60], {}, "x", []]);
    return this.pick([base64url(JSON.stringify(shape)), base64(JSON.stringify(shape)), "not-a-cursor", ""]);
  }

  private string(argName: string): string {
    if (/^(after|before)$/.test(argName) && this.chance(0.7)) return this.forgedCursor();
    if (/ids?$/i.test(argName) && this.chance(0.7)) return this.chance(0.4) && this.knownIds.length ? this.pick(this.knownIds) : this.forgedId();
    return this.pick([
      "",
      "a\u0000b",
      "%_\\",
      "😀".repeat(this.int(300)),
      "x".repeat(this.pick([201, 2_001, 10_000, 200_000])),
      "Batch A",
      "+48500100200",
      "subscriptions/msisdn:46700000001",
      "POST",
    ]);
  }

  private scalar(name: string, argName: string): unknown {
    switch (name) {
      case "Int":
        return this.pick<unknown>([-1, 0, 1, 2, 20, 50, 100, 101, 1_000, 2 ** 31 - 1, 2 ** 31, 1e20, "5", 1.5, null]);
      case "Float":
        return this.pick<unknown>([0, -1.5, 1e308, "x"]);
      case "Boolean":
        return this.pick<unknown>([true, false, "true", 0]);
      case "DateTime":
        return this.pick<unknown>(["2026-01-01T00:00:00Z", "not-a-date", "2026-13-45T99:00:00Z", "", 0, "1970-01-01T00:00:00.000Z"]);
      case "JSON":
        return this.pick<unknown>([{}, { blocked: true }, { msisdn: "46700000001", iccid: "8946" }, { a: "x".repeat(5_000) }, { a: "\u0000" }, DEEP, [1], "x"]);
      case "UUID":
        return this.pick<unknown>(["00000000-0000-4000-8000-000000000000", "not-a-uuid", ""]);
      case "PositiveInt":
      case "NonNegativeInt":
        return this.pick<unknown>([-1, 0, 1, 10, 1e9, "1"]);
      default:
        return this.chance(0.1) ? this.pick<unknown>([1, true, [], {}]) : this.string(argName);
    }
  }

  /** A value for an argument or input field of `type`: mostly of the right shape, sometimes not. */
  value(type: GraphQLInputType, argName: string, depth = 0): unknown {
    if (isNonNullType(type)) return this.chance(0.03) ? null : this.value(type.ofType, argName, depth);
    if (this.chance(0.05)) return this.pick<unknown>([null, "wrong", 3, [], {}]);
    if (isListType(type)) {
      if (this.chance(0.05)) return Array.from({ length: this.pick([101, 1_001, 5_000]) }, () => this.value(type.ofType, argName, depth + 1));
      return Array.from({ length: this.int(4) }, () => this.value(type.ofType, argName, depth + 1));
    }
    if (isEnumType(type)) return new EnumValue(this.chance(0.9) ? this.pick(type.getValues()).name : "BOGUS");
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || this.chance(0.5));
      const entries = depth > 4 ? [] : fields.map((field) => [field.name, this.value(field.type, field.name, depth + 1)]);
      if (this.chance(0.03)) entries.push(["unknownField", 1]);
      return Object.fromEntries(entries);
    }
    return this.scalar(getNamedType(type).name, argName);
  }

  private argumentsOf(args: readonly GraphQLArgument[]): string {
    const given = args.filter((arg) => isNonNullType(arg.type) ? !this.chance(0.02) : this.chance(/^(first|last)$/.test(arg.name) ? 0.9 : 0.4));
    const parts = given.map((arg) => {
      const value = this.value(arg.type, arg.name);
      if (this.chance(0.5)) return `${arg.name}: ${literal(value)}`;
      const name = `v${this.declarations.length}`;
      this.declarations.push(`$${name}: ${this.chance(0.95) ? String(arg.type) : "String"}`);
      this.variables[name] = value instanceof EnumValue ? value.name : withoutEnums(value);
      return `${arg.name}: $${name}`;
    });
    return parts.length ? `(${parts.join(", ")})` : "";
  }

  private selection(type: GraphQLNamedType, depth: number): string {
    if (isLeafType(type)) return "";
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      if (!possible.length || depth >= 4) return "{ __typename }";
      const target = this.pick(possible);
      return `{ __typename ... on ${target.name} ${this.selection(target, depth)} }`;
    }
    if (!isObjectType(type)) return "{ __typename }";
    const fields = Object.values(type.getFields());
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let i = 1 + this.int(3); i > 0; i--) chosen.add(this.pick(fields));
    const parts = [...chosen].map((field) => {
      const named = getNamedType(field.type);
      if (!isLeafType(named) && depth >= 5) return "__typename";
      return `${field.name}${this.argumentsOf(field.args)} ${this.selection(named, depth + 1)}`.trim();
    });
    return `{ ${parts.join(" ")} }`;
  }

  /** One request body (as text: it may hold a value nested too deep to stringify). */
  request(): { body: string; summary: string } {
    this.variables = {};
    this.declarations = [];
    const root = this.chance(0.75) ? this.schema.getQueryType()! : this.schema.getMutationType()!;
    const field = this.pick(Object.values(root.getFields()));
    const body = `${field.name}${this.argumentsOf(field.args)} ${this.selection(getNamedType(field.type), 1)}`;
    if (this.chance(0.05)) this.variables.unused = DEEP;
    const kind = root === this.schema.getQueryType() ? "query" : "mutation";
    const query = `${kind}${this.declarations.length ? `(${this.declarations.join(", ")})` : ""} { ${body} }`;
    const levels = this.pick([30, 5_000]);
    const deep = `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const text = JSON.stringify({ query, variables: this.variables }).replaceAll(`"${DEEP}"`, deep);
    return { body: text, summary: `${query} ${JSON.stringify(this.variables).slice(0, 300)}` };
  }
}

function withoutEnums(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(withoutEnums);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutEnums(item)]));
  return value;
}

/** A GraphQL literal for a generated value (the deep marker stays a string in a literal). */
function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([key, item]) => `${key}: ${literal(item)}`).join(", ")} }`;
  return value === undefined ? "null" : JSON.stringify(value);
}
