// What every benchmark script sets before it loads anything of src/: src/config/env.ts reads the
// environment once, at its first import, so the script's JWT secret, log level and pool size
// must be in place first. Imports nothing of src/ itself (the token helper loads it lazily).
import { randomBytes } from "node:crypto";

/** Sets the variables the gateway code in this process reads (plus `extra`) and returns the JWT secret. */
export function benchEnvironment(extra: Record<string, string> = {}): string {
  const jwtSecret = randomBytes(32).toString("base64url");
  Object.assign(process.env, { JWT_SECRET: jwtSecret, LOG_LEVEL: "warn", TRACE_SQL: "false", ...extra });
  return jwtSecret;
}

/** A token holding every scope, signed with the secret benchEnvironment set. */
export async function benchToken(ttl = "1h"): Promise<string> {
  const { mintToken } = await import("../src/pipeline/security/tokens.ts");
  const { ALL_SCOPES } = await import("../src/graphql/scopes.ts");
  return mintToken({ scopes: ALL_SCOPES, subject: "bench", ttl });
}
