// The HS256 secret tokens are signed with, and cursors sealed with when CURSOR_SECRET is unset:
// JWT_SECRET, or without any key configured outside production a development secret kept under
// DATA_DIR, so the server and `npm run token` agree on it across restarts. Configuration, not
// token handling: the GraphQL glue (cursor sealing) needs it and may not import the pipeline.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, env } from "./env.ts";

/** No key configured: tokens are signed and verified with the development secret. */
export const usesDevelopmentSecret = !env.jwtSecret && !env.jwtPublicKey && !env.jwtJwksFile;

function developmentSecret(): Uint8Array {
  if (env.isProduction)
    throw new ConfigError("JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_FILE must be set when NODE_ENV=production");
  const dir = env.dataDir.startsWith("memory://") ? ".data" : env.dataDir;
  const file = join(dir, "dev-jwt-secret");
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return new TextEncoder().encode(readFileSync(file, "utf8").trim());
}

/** The HS256 secret: JWT_SECRET, or the development secret (never in production). */
export function sharedSecret(): Uint8Array {
  return env.jwtSecret ? new TextEncoder().encode(env.jwtSecret) : developmentSecret();
}
