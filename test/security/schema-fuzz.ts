// Requests generated from the schema for the fuzzer: a random root query or mutation field with
// a valid selection below it, and hostile argument values (hostile-values.ts) given as literals
// or as variables, sometimes with a deeply nested extra variable. Everything comes from one
// seeded PRNG, so a seed reproduces a run.
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isLeafType,
  isNonNullType,
  isObjectType,
} from "graphql";
import { DEEP, EnumValue, HostileValues, literal, prng, withoutEnums } from "./hostile-values.ts";

export class SchemaFuzzer {
  private readonly values: HostileValues;
  private variables: Record<string, unknown> = {};
  private declarations: string[] = [];

  constructor(
    private readonly schema: GraphQLSchema,
    seed: number,
    knownIds: readonly string[],
  ) {
    this.values = new HostileValues(prng(seed), knownIds);
  }

  /** Some arguments (page sizes mostly, required ones nearly always), each a literal or a variable. */
  private argumentsOf(args: readonly GraphQLArgument[]): string {
    const { chance } = this.values;
    const given = args.filter((arg) =>
      isNonNullType(arg.type) ? !chance(0.02) : chance(/^(first|last)$/.test(arg.name) ? 0.9 : 0.4),
    );
    const parts = given.map((arg) => {
      const value = this.values.value(arg.type, arg.name);
      if (chance(0.5)) return `${arg.name}: ${literal(value)}`;
      const name = `v${this.declarations.length}`;
      this.declarations.push(`$${name}: ${chance(0.95) ? String(arg.type) : "String"}`);
      this.variables[name] = value instanceof EnumValue ? value.name : withoutEnums(value);
      return `${arg.name}: $${name}`;
    });
    return parts.length ? `(${parts.join(", ")})` : "";
  }

  /** One to three fields of `type`, recursively, up to five levels down; a fragment on abstract types. */
  private selection(type: GraphQLNamedType, depth: number): string {
    const { pick, int } = this.values;
    if (isLeafType(type)) return "";
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      if (!possible.length || depth >= 4) return "{ __typename }";
      const target = pick(possible);
      return `{ __typename ... on ${target.name} ${this.selection(target, depth)} }`;
    }
    if (!isObjectType(type)) return "{ __typename }";
    const fields = Object.values(type.getFields());
    const chosen = new Set<GraphQLField<unknown, unknown>>();
    for (let i = 1 + int(3); i > 0; i--) chosen.add(pick(fields));
    const parts = [...chosen].map((field) => {
      const named = getNamedType(field.type);
      if (!isLeafType(named) && depth >= 5) return "__typename";
      return `${field.name}${this.argumentsOf(field.args)} ${this.selection(named, depth + 1)}`.trim();
    });
    return `{ ${parts.join(" ")} }`;
  }

  /** One request body (as text: it may hold a value nested too deep to stringify). */
  request(): { body: string; summary: string } {
    const { chance, pick } = this.values;
    this.variables = {};
    this.declarations = [];
    const root = chance(0.75) ? this.schema.getQueryType()! : this.schema.getMutationType()!;
    const field = pick(Object.values(root.getFields()));
    const body = `${field.name}${this.argumentsOf(field.args)} ${this.selection(getNamedType(field.type), 1)}`;
    if (chance(0.05)) this.variables.unused = DEEP;
    const kind = root === this.schema.getQueryType() ? "query" : "mutation";
    const query = `${kind}${this.declarations.length ? `(${this.declarations.join(", ")})` : ""} { ${body} }`;
    const levels = pick([30, 5_000]);
    const deep = `${"[".repeat(levels)}${"]".repeat(levels)}`;
    const text = JSON.stringify({ query, variables: this.variables }).replaceAll(`"${DEEP}"`, deep);
    return { body: text, summary: `${query} ${JSON.stringify(this.variables).slice(0, 300)}` };
  }
}
