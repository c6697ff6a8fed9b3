// npm run token -- --scopes batch:read,messages:read --ttl 1h
// Mints a token from the configured secret (or the development secret) and prints it last.
import { parseArgs } from "node:util";
import { ALL_SCOPES, parseScopes } from "../src/auth/scopes.ts";
import { mintToken } from "../src/auth/tokens.ts";

const { values } = parseArgs({
  options: { scopes: { type: "string", default: "all" }, ttl: { type: "string", default: "1h" }, subject: { type: "string" } },
});

try {
  const scopes = parseScopes(values.scopes);
  console.error(`scopes: ${scopes.length === ALL_SCOPES.length ? "all" : scopes.join(" ")}; expires in ${values.ttl}`);
  console.log(await mintToken({ scopes, ttl: values.ttl, subject: values.subject }));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
