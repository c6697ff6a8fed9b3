// Every token says when it ends, and none lives longer than JWT_MAX_LIFETIME (24h by default):
// a leaked token is useful for a day at most. `npm run token` refuses to mint longer ones.
import { type JWTPayload, SignJWT } from "jose";
import { describe, expect, test } from "vitest";
import { mintToken } from "../../src/pipeline/security/tokens.ts";
import { env } from "../../src/config/env.ts";
import { post } from "../client.ts";

const QUERY = "{ batches(first: 1) { totalCount } }";
const secret = new TextEncoder().encode(process.env.JWT_SECRET);
const now = () => Math.floor(Date.now() / 1000);
const DAY = 86_400;

/** A correctly signed token with exactly the claims given (besides scope, sub, iss and aud). */
function signed(claims: JWTPayload) {
  return new SignJWT({ scope: "batch:all", sub: "someone", iss: env.jwtIssuer, aud: env.jwtAudience, ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .sign(secret);
}

const ask = async (token: string) => post({ query: QUERY }, { authorization: `Bearer ${token}` });

describe("token lifetime", () => {
  test("the default maximum is 24 hours", () => {
    expect(env.jwtMaxLifetimeMs).toBe(DAY * 1000);
  });

  test.each([
    ["without exp", () => signed({ iat: now() })],
    ["without exp or iat", () => signed({})],
    ["valid for ten years", () => signed({ iat: now(), exp: now() + 3650 * DAY })],
    ["valid for 24 h and 1 s", () => signed({ iat: now(), exp: now() + DAY + 1 })],
    ["without iat, ending in ten years", () => signed({ exp: now() + 3650 * DAY })],
    ["issued in the future to look short-lived", () => signed({ iat: now() + 3649 * DAY, exp: now() + 3650 * DAY })],
  ])("a token %s is refused: 401 UNAUTHENTICATED", async (_name, make) => {
    const result = await ask(await make());
    expect(result.status).toBe(401);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  test.each([
    ["valid for exactly 24 h", () => signed({ iat: now(), exp: now() + DAY })],
    ["issued 23 h ago for 24 h", () => signed({ iat: now() - 23 * 3600, exp: now() + 3600 })],
    ["without iat, ending within 24 h", () => signed({ exp: now() + DAY - 60 })],
  ])("a token %s is served", async (_name, make) => {
    const result = await ask(await make());
    expect(result.errors).toBeUndefined();
    expect(result.status).toBe(200);
  });

  test("minting refuses a lifetime past the maximum, and states the maximum", async () => {
    await expect(mintToken({ scopes: ["batch:read"], ttl: "25h" })).rejects.toThrow(
      /longer than JWT_MAX_LIFETIME \(24h\)/,
    );
    await expect(mintToken({ scopes: ["batch:read"], ttl: "3650d" })).rejects.toThrow(/JWT_MAX_LIFETIME/);
    await expect(mintToken({ scopes: ["batch:read"], ttl: "forever" })).rejects.toThrow(/duration/);
    const token = await mintToken({ scopes: ["batch:all"], ttl: "24h" });
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
      iat: number;
      exp: number;
    };
    expect(claims.exp - claims.iat).toBe(DAY);
    expect((await ask(token)).errors).toBeUndefined();
  });
});
