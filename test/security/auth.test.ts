// Authentication and the scope rule of every root field, proven by walking the schema.
import { getNamedType, type GraphQLField, isNonNullType } from "graphql";
import { SignJWT } from "jose";
import { describe, expect, test, vi } from "vitest";
import { ALL_SCOPES, type Scope } from "../../src/graphql/scopes.ts";
import { schema } from "../../src/app/schema.ts";
import { post, tokenFor } from "../client.ts";
import { sample } from "./samples.ts";

const QUERY = "{ batches(first: 1) { totalCount } }";
const secret = new TextEncoder().encode("test-secret-of-at-least-32-characters!");

async function signed(claims: { iss?: string; aud?: string; exp?: number | string }, key = secret) {
  return new SignJWT({ scope: "batch:all" })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("someone")
    .setIssuer(claims.iss ?? "batch-gateway")
    .setAudience(claims.aud ?? "batch-gateway")
    .setExpirationTime(claims.exp ?? "5m")
    .sign(key);
}

describe("authentication", () => {
  test("no token: UNAUTHENTICATED", async () => {
    const result = await post({ query: QUERY }, { authorization: "" });
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test.each([
    ["expired", () => signed({ exp: Math.floor(Date.now() / 1000) - 60 })],
    ["wrongly signed", () => signed({}, new TextEncoder().encode("another-secret-of-at-least-32-chars!!"))],
    ["wrong issuer", () => signed({ iss: "someone-else" })],
    ["wrong audience", () => signed({ aud: "another-api" })],
    ["malformed", async () => "not.a.jwt"],
  ])("%s token: 401 UNAUTHENTICATED, and nothing about why", async (_name, make) => {
    const result = await post({ query: QUERY }, { authorization: `Bearer ${await make()}` });
    expect(result.status).toBe(401);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      message: "The bearer token is invalid or expired",
      extensions: { code: "UNAUTHENTICATED" },
    });
  });

  test("a token accepted before is refused once it expires (verified tokens are kept only until their exp)", async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await signed({ exp });
    expect((await post({ query: QUERY }, { authorization: `Bearer ${token}` })).errors).toBeUndefined();
    expect((await post({ query: QUERY }, { authorization: `Bearer ${token}` })).errors).toBeUndefined();
    vi.useFakeTimers({ toFake: ["Date"], now: exp * 1000 + 1000 });
    try {
      const late = await post({ query: QUERY }, { authorization: `Bearer ${token}` });
      expect(late.status).toBe(401);
      expect(late.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    } finally {
      vi.useRealTimers();
    }
  });

  test("a valid token with the needed scope is served", async () => {
    const result = await post({ query: QUERY }, { authorization: `Bearer ${await signed({})}` });
    expect(result.errors).toBeUndefined();
  });
});

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>) {
  const required = field.args.filter((arg) => isNonNullType(arg.type));
  const variables = Object.fromEntries(required.map((arg) => [arg.name, sample(arg.type)]));
  const declared = required.map((arg) => `$${arg.name}: ${arg.type}`).join(", ");
  const passed = required.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  const named = getNamedType(field.type);
  const selection = "getFields" in named ? " { __typename }" : "";
  const query = `${kind} Walk${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`;
  return { query, variables };
}

function ruleOf(field: GraphQLField<unknown, unknown>): { scope?: Scope; authenticated?: boolean } | undefined {
  const options = field.extensions?.pothosOptions as
    | { authScopes?: { scope?: Scope; authenticated?: boolean } }
    | undefined;
  return options?.authScopes;
}

const rootFields = (["query", "mutation"] as const).flatMap((kind) => {
  const type = kind === "query" ? schema.getQueryType() : schema.getMutationType();
  return Object.values(type?.getFields() ?? {}).map((field) => ({ kind, field }));
});

describe("every root field has a scope rule", () => {
  test("the walk sees the root queries and mutations", () => expect(rootFields.length).toBeGreaterThan(30));

  test.each(rootFields.map(({ kind, field }) => [`${kind}.${field.name}`, kind, field] as const))(
    "%s",
    async (_name, kind, field) => {
      const rule = ruleOf(field);
      expect(rule, `${kind}.${field.name} has no authScopes`).toBeDefined();
      const operation = operationFor(kind, field);
      const codes = async (scopes: readonly Scope[]) => {
        const result = await post(operation, { authorization: `Bearer ${await tokenFor(scopes)}` });
        return (result.errors ?? []).map((error) => error.extensions?.code);
      };
      if (rule?.scope) {
        expect(ALL_SCOPES).toContain(rule.scope);
        expect(await codes(ALL_SCOPES.filter((scope) => scope !== rule.scope))).toContain("FORBIDDEN");
        const allowed = await codes([rule.scope]);
        expect(allowed).not.toContain("FORBIDDEN");
        expect(allowed).not.toContain("UNAUTHENTICATED");
      } else {
        expect(rule?.authenticated).toBe(true);
        const anonymous = await post(operation, { authorization: "" });
        expect(anonymous.errors?.map((error) => error.extensions?.code)).toContain("UNAUTHENTICATED");
      }
    },
  );
});
