// Cursors are sealed with AES-256-GCM (authenticated encryption): a client can neither read one
// (it would hold the row's sort value — a label the token may not read) nor forge, alter or move
// one to another list or ordering, which goes in as associated data. The 12-byte IV is a keyed
// hash of that context and the content (the SIV idea): the same position in the same list always
// seals to the same cursor, as plain cursors did, and different contents never share an IV. The keys
// come from CURSOR_SECRET, else from JWT_SECRET (or the development secret) through HKDF; in
// production with RS256 or JWKS tokens there is no secret to derive from, so CURSOR_SECRET is
// required (checkCursorConfiguration, at start-up).
// Hand-written on node:crypto: no maintained library seals short tokens with a bound context.
import { createCipheriv, createDecipheriv, hash, hkdfSync } from "node:crypto";
import { sharedSecret } from "../config/secrets.ts";
import { ConfigError, env } from "../config/env.ts";

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Above any cursor the gateway issues: a 200-character label seals to 300–1,600 (escaped control characters). */
const MAX_CURSOR_LENGTH = 4096;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface Keys {
  encryption: Buffer;
  iv: Buffer;
}

let keys: Keys | undefined;

function rootSecret(): Uint8Array {
  if (env.cursorSecret) return new TextEncoder().encode(env.cursorSecret);
  if (!env.jwtSecret && env.isProduction) {
    throw new ConfigError(
      "CURSOR_SECRET must be set (32+ characters) when NODE_ENV=production " +
        "and tokens are verified with JWT_PUBLIC_KEY or JWT_JWKS_FILE",
    );
  }
  return sharedSecret();
}

function keysOf(): Keys {
  if (keys) return keys;
  const secret = rootSecret();
  const derive = (purpose: string) => Buffer.from(hkdfSync("sha256", secret, "batch-gateway cursors", purpose, 32));
  return (keys = { encryption: derive("aes-256-gcm key"), iv: derive("iv key") });
}

/** Derives the keys now, so a missing CURSOR_SECRET stops the server at start-up, not at a first page. */
export function checkCursorConfiguration(): void {
  keysOf();
}

/** The sealed form of `content`, valid only under the same `context` (the list and its ordering). */
export function seal(context: string, content: string): string {
  const { encryption, iv: ivKey } = keysOf();
  const plain = Buffer.from(content, "utf8");
  // SHA-256 of key and message, one-shot: a third of an HMAC object's cost, and only 12 of its 32
  // bytes are ever seen, so nothing can be extended from them.
  const iv = hash("sha256", Buffer.concat([ivKey, Buffer.from(`${context}\0`), plain]), "buffer").subarray(0, IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", encryption, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = cipher.update(plain);
  cipher.final();
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The content `seal(context, …)` made `sealed` from; undefined for anything else. */
export function unseal(context: string, sealed: string): string | undefined {
  if (sealed.length > MAX_CURSOR_LENGTH || !BASE64URL.test(sealed)) return undefined;
  const bytes = Buffer.from(sealed, "base64url");
  // One spelling per cursor: padding or the other base64 alphabet is not the cursor issued.
  if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString("base64url") !== sealed) return undefined;
  const decipher = createDecipheriv("aes-256-gcm", keysOf().encryption, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plain.toString("utf8");
  } catch {
    return undefined; // the tag did not match: forged, altered, or from another list or ordering
  }
}
