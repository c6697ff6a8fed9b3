// Hostile argument values for the schema fuzzer (schema-fuzz.ts), drawn from one seeded PRNG:
// huge, empty and NUL-holding strings, forged ids and cursors, out-of-range numbers and page
// sizes, wrong types, oversized lists, unknown enum values and input fields, deep JSON.
import { type GraphQLInputType, getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType } from "graphql";

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An enum value: unquoted in a literal, a plain string in variables. */
export class EnumValue {
  constructor(readonly name: string) {}
}

/** Where a deeply nested value goes: spliced into the body as text (JSON.stringify would overflow on it). */
export const DEEP = "__deeply_nested__";

const base64 = (text: string) => Buffer.from(text).toString("base64");
const base64url = (text: string) => Buffer.from(text).toString("base64url");

const TYPE_NAMES = ["Batch", "Cycle", "Queue", "WorkOrder", "Message", "ProcessStatus", "ProvisioningBatch", "Nope"];
const RAW_IDS = ["1", "0", "-1", "abc", "1.5", "99999999999999999999", "2147483648", "1\u0000", " 1", ""];
const CURSOR_VALUES = ["not-a-date", null, 1, -1e308, "", "x".repeat(300), { a: 1 }, [1], "\u0000", true];
const ORDERS = ["createdAt:desc", "createdAt:asc", "label:asc", "dueDate:asc", "priority:asc", "id", ""];
const SCALARS: Record<string, unknown[]> = {
  Int: [-1, 0, 1, 2, 20, 50, 100, 101, 1_000, 2 ** 31 - 1, 2 ** 31, 1e20, "5", 1.5, null],
  Float: [0, -1.5, 1e308, "x"],
  Boolean: [true, false, "true", 0],
  DateTime: ["2026-01-01T00:00:00Z", "not-a-date", "2026-13-45T99:00:00Z", "", 0, "1970-01-01T00:00:00.000Z"],
  JSON: [
    {},
    { blocked: true },
    { msisdn: "467", iccid: "8946" },
    { a: "x".repeat(5_000) },
    { a: "\u0000" },
    DEEP,
    [1],
    "x",
  ],
  UUID: ["00000000-0000-4000-8000-000000000000", "not-a-uuid", ""],
  PositiveInt: [-1, 0, 1, 10, 1e9, "1"],
  NonNegativeInt: [-1, 0, 1, 10, 1e9, "1"],
};

export class HostileValues {
  constructor(
    readonly random: () => number,
    /** Real global ids (made by the test) mixed in with the forged ones. */
    private readonly knownIds: readonly string[],
  ) {}

  int = (max: number) => Math.floor(this.random() * max);
  chance = (p: number) => this.random() < p;
  pick = <T>(items: readonly T[]): T => items[this.int(items.length)]!;

  private forgedId(): string {
    const [type, id] = [this.pick(TYPE_NAMES), this.pick(RAW_IDS)];
    return this.pick([base64(`${type}:${id}`), base64(type), "not-an-id", base64url(`${type}:${id}`), "=", "%%%"]);
  }

  private forgedCursor(): string {
    const [order, value] = [this.pick(ORDERS), this.pick(CURSOR_VALUES)];
    const shape = this.pick<unknown>([
      [order, value, 1],
      [order, value],
      [order, value, "1"],
      [order, value, 2 ** 60],
      {},
    ]);
    return this.pick([base64url(JSON.stringify(shape)), base64(JSON.stringify(shape)), "not-a-cursor", ""]);
  }

  private string(argName: string): string {
    if (/^(after|before)$/.test(argName) && this.chance(0.7)) return this.forgedCursor();
    if (/ids?$/i.test(argName) && this.chance(0.7)) {
      return this.chance(0.4) && this.knownIds.length ? this.pick(this.knownIds) : this.forgedId();
    }
    const long = "x".repeat(this.pick(this.huge() ? [201, 2_001, 10_000, 200_000] : [201, 2_001]));
    const ordinary = ["Batch A", "+48500100200", "subscriptions/msisdn:46700000001", "POST"];
    return this.pick(["", "a\u0000b", "%_\\", "😀".repeat(this.int(300)), long, ...ordinary]);
  }

  private scalar(name: string, argName: string): unknown {
    const values = SCALARS[name];
    if (values) return this.pick(values);
    return this.chance(0.1) ? this.pick<unknown>([1, true, [], {}]) : this.string(argName);
  }

  /**
   * Huge lists and strings allowed in the rest of one argument's value: recursive inputs (`where`'s
   * and/or/not) would otherwise multiply them past what a request body may hold.
   */
  private hugeLeft = 2;

  private huge(): boolean {
    return this.hugeLeft-- > 0;
  }

  /** A value for an argument or input field of `type`: mostly of the right shape, sometimes not. */
  value(type: GraphQLInputType, argName: string, depth = 0): unknown {
    if (depth === 0) this.hugeLeft = 2;
    if (isNonNullType(type)) return this.chance(0.03) ? null : this.value(type.ofType, argName, depth);
    if (this.chance(0.05)) return this.pick<unknown>([null, "wrong", 3, [], {}]);
    if (isListType(type)) {
      const length = this.chance(0.05) && this.huge() ? this.pick([101, 1_001, 5_000]) : this.int(4);
      return Array.from({ length }, () => this.value(type.ofType, argName, depth + 1));
    }
    if (isEnumType(type)) return new EnumValue(this.chance(0.9) ? this.pick(type.getValues()).name : "BOGUS");
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) || this.chance(0.5));
      const fieldValue = (field: (typeof fields)[number]) => this.value(field.type, field.name, depth + 1);
      const entries = depth > 3 ? [] : fields.map((field) => [field.name, fieldValue(field)]);
      if (this.chance(0.03)) entries.push(["unknownField", 1]);
      return Object.fromEntries(entries);
    }
    return this.scalar(getNamedType(type).name, argName);
  }
}

/** The value as variables carry it: enum values as strings. */
export function withoutEnums(value: unknown): unknown {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return value.map(withoutEnums);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutEnums(item)]));
  }
  return value;
}

/** A GraphQL literal for a generated value (the deep marker stays a string in a literal). */
export function literal(value: unknown): string {
  if (value instanceof EnumValue) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([key, item]) => `${key}: ${literal(item)}`)
      .join(", ")} }`;
  }
  return value === undefined ? "null" : JSON.stringify(value);
}
