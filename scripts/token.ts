// npm run token -- --scopes batch:read,messages:read --ttl 1h
// Mints a token from the configured secret (or the development secret) and prints it last.
import { parseArgs } from "node:util";

const USAGE = `Usage: npm run token -- [--scopes LIST] [--ttl DURATION] [--subject NAME]

Mints a bearer token signed with JWT_SECRET, JWT_PRIVATE_KEY or the development secret under
DATA_DIR, and prints it on stdout.

  --scopes LIST      comma-separated scopes, or "all" (default: all)
  --ttl DURATION     lifetime such as 30m, 12h or 1d, at most JWT_MAX_LIFETIME (default: 1h)
  --subject NAME     the token's sub claim (default: developer)
  -h, --help         print this help`;

function parseCommandLine() {
  try {
    return parseArgs({
      options: {
        scopes: { type: "string", default: "all" },
        ttl: { type: "string", default: "1h" },
        subject: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    // Unknown flags and missing values: one line saying which, then the usage; no stack trace.
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const values = parseCommandLine();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

try {
  // Imported after the flags are read: configuration errors are reported below, as one line.
  const { ALL_SCOPES, parseScopes } = await import("../src/graphql/scopes.ts");
  const { mintToken } = await import("../src/pipeline/security/tokens.ts");
  const scopes = parseScopes(values.scopes);
  const token = await mintToken({ scopes, ttl: values.ttl, subject: values.subject });
  console.error(`scopes: ${scopes.length === ALL_SCOPES.length ? "all" : scopes.join(" ")}; expires in ${values.ttl}`);
  console.log(token);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
