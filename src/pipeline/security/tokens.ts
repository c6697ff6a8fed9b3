// Bearer tokens: JWTs verified with jose against the configured key, issuer and audience
// (the HS256 secret, configured or the development one, comes from src/config/secrets.ts).
import { readFileSync } from "node:fs";
import {
  type JWTVerifyGetKey,
  type KeyObject,
  SignJWT,
  createLocalJWKSet,
  importPKCS8,
  importSPKI,
  jwtVerify,
} from "jose";
import { ConfigError, env, formatDuration, parseDuration } from "../../config/env.ts";
import { sharedSecret, usesDevelopmentSecret } from "../../config/secrets.ts";
import type { Viewer } from "../../graphql/context.ts";
import { type Scope, isScope } from "../../graphql/scopes.ts";

type VerifyKey = Uint8Array | KeyObject | JWTVerifyGetKey;

let verifyKey: Promise<{ key: VerifyKey; algorithms: string[] }> | undefined;

function loadVerifyKey() {
  return (verifyKey ??= (async () => {
    if (env.jwtJwksFile)
      return { key: createLocalJWKSet(JSON.parse(readFileSync(env.jwtJwksFile, "utf8"))), algorithms: ["RS256"] };
    if (env.jwtPublicKey) return { key: await importSPKI(env.jwtPublicKey, "RS256"), algorithms: ["RS256"] };
    return { key: sharedSecret(), algorithms: ["HS256"] };
  })());
}

/** Checks the configuration at start-up (e.g. refuses production without a key). */
export async function checkTokenConfiguration(): Promise<void> {
  await loadVerifyKey();
}

/**
 * Tokens verified lately, kept until they expire: a client sends the same token with every
 * request, and checking its signature and claims was a tenth of a small query's CPU time. A
 * token's verification can only change with time (the keys are read once), so a kept token
 * still answers exactly as verifying it again would until its `exp`; only successes are kept.
 */
const recentlyVerified = new Map<string, { viewer: Viewer; until: number }>();
const RECENTLY_VERIFIED_LIMIT = 1000;

/**
 * A token must say when it ends, and may not live longer than JWT_MAX_LIFETIME: a leaked
 * token is then useful for a day at most. Its lifetime is exp minus iat; an iat in the future
 * (or none) counts from now, so a far-future iat cannot stretch it.
 */
function checkLifetime(payload: { exp?: number; iat?: number }): void {
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = Math.min(payload.iat ?? now, now);
  if (payload.exp === undefined) throw new Error("the token has no exp claim");
  if ((payload.exp - issuedAt) * 1000 > env.jwtMaxLifetimeMs) {
    throw new Error("the token lives longer than JWT_MAX_LIFETIME");
  }
}

/** The viewer a token stands for; throws on anything but a valid, unexpired, correctly signed token. */
export async function verifyToken(token: string): Promise<Viewer> {
  const kept = recentlyVerified.get(token);
  if (kept && Date.now() < kept.until) return kept.viewer;
  const { key, algorithms } = await loadVerifyKey();
  const options = { issuer: env.jwtIssuer, audience: env.jwtAudience, algorithms, requiredClaims: ["exp"] };
  const { payload } =
    typeof key === "function" ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
  checkLifetime(payload);
  const claim = payload.scope ?? payload.scopes;
  const names = Array.isArray(claim) ? claim.map(String) : typeof claim === "string" ? claim.split(" ") : [];
  const viewer: Viewer = { subject: payload.sub ?? "anonymous", scopes: new Set(names.filter(isScope)) };
  recentlyVerified.delete(token);
  if (recentlyVerified.size >= RECENTLY_VERIFIED_LIMIT) recentlyVerified.delete(recentlyVerified.keys().next().value!);
  recentlyVerified.set(token, { viewer, until: payload.exp! * 1000 });
  return viewer;
}

/** A token's time to live in milliseconds; refuses what the gateway would not accept (longer than JWT_MAX_LIFETIME). */
export function tokenLifetimeMs(ttl: string): number {
  const ms = parseDuration(ttl);
  if (ms === undefined || ms < 1000) {
    throw new ConfigError(`the ttl must be a duration like 30m, 12h or 1d of at least 1s, got "${ttl}"`);
  }
  if (ms > env.jwtMaxLifetimeMs) {
    const maximum = formatDuration(env.jwtMaxLifetimeMs);
    const refusal = "the gateway would refuse the token";
    throw new ConfigError(`the ttl ${ttl} is longer than JWT_MAX_LIFETIME (${maximum}): ${refusal}`);
  }
  return ms;
}

/** Mints a token with the configured HS256 secret or RS256 private key; `ttl` is a duration such as "1h". */
export async function mintToken(options: {
  scopes: readonly Scope[];
  subject?: string;
  ttl?: string;
}): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ scope: options.scopes.join(" ") })
    .setSubject(options.subject ?? "developer")
    .setIssuer(env.jwtIssuer)
    .setAudience(env.jwtAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + Math.floor(tokenLifetimeMs(options.ttl ?? "1h") / 1000));
  if (env.jwtPrivateKey)
    return jwt.setProtectedHeader({ alg: "RS256" }).sign(await importPKCS8(env.jwtPrivateKey, "RS256"));
  if (!usesDevelopmentSecret && !env.jwtSecret) throw new ConfigError("minting needs JWT_SECRET or JWT_PRIVATE_KEY");
  return jwt.setProtectedHeader({ alg: "HS256" }).sign(sharedSecret());
}
