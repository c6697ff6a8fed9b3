// Read-your-writes with read replicas. A mutation's response carries the primary's WAL position
// after its commits, in the X-WAL-Position header and a cookie of the same value; a query sent
// with either (or by a token subject that wrote in this process lately) reads from a replica
// that has replayed that position, or from the primary. Queries without one read from any
// replica in rotation. Without DATABASE_REPLICA_URLS this plugin does nothing.
import { getOperationAST } from "graphql";
import type { Plugin, YogaInitialContext } from "graphql-yoga";
import { env } from "../../config/env.ts";
import { committedPosition, db, readsFromReplica } from "../../data/db.ts";
import { type WalPosition, formatWalPosition, laterOf, parseWalPosition } from "../../data/replicas/wal-position.ts";
import type { Context } from "../../graphql/context.ts";
import { badUserInput } from "../../graphql/errors.ts";

export const POSITION_HEADER = "x-wal-position";
export const POSITION_COOKIE = "gateway_wal_position";
/** How long a writer's position is remembered: past it, every replica in rotation has replayed it. */
const REMEMBER_MS = env.replicaMaxLagMs + 5_000;
const MAX_REMEMBERED_SUBJECTS = 10_000;

/** The latest position each token subject wrote through this process (for clients that drop the header). */
const bySubject = new Map<string, { position: WalPosition; until: number }>();

function remember(subject: string, position: WalPosition) {
  bySubject.delete(subject);
  if (bySubject.size >= MAX_REMEMBERED_SUBJECTS) bySubject.delete(bySubject.keys().next().value!);
  bySubject.set(subject, { position, until: Date.now() + REMEMBER_MS });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return "";
  }
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, value] = part.trim().split("=");
    if (key === name) return value;
  }
  return undefined;
}

/**
 * The position a request's reads must see. A malformed cookie is ignored (a browser cannot mend
 * it; the read goes to any replica); a malformed header is the client's error, refused by the caller.
 */
function neededBy(request: Request, subject: string | undefined): WalPosition | undefined {
  const sent = laterOf(
    parseWalPosition(request.headers.get(POSITION_HEADER)),
    parseWalPosition(safeDecode(cookieValue(request, POSITION_COOKIE) ?? "")),
  );
  const remembered = subject ? bySubject.get(subject) : undefined;
  return laterOf(sent, remembered && remembered.until > Date.now() ? remembered.position : undefined);
}

export function readYourWritesPlugin(): Plugin<Context & YogaInitialContext> {
  if (!db.replicas) return {};
  const written = new WeakMap<Request, WalPosition>();
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const context = args.contextValue as Context & YogaInitialContext;
      const kind = getOperationAST(args.document, args.operationName)?.operation;
      const subject = context.viewer?.subject;
      const header = context.request.headers.get(POSITION_HEADER);
      if (kind === "query" && header !== null && parseWalPosition(header) === undefined) {
        const message = `X-WAL-Position must be a WAL position as a mutation's response gave it (e.g. 0/3000148), got "${header.slice(0, 40)}"`;
        setResultAndStopExecution({ errors: [badUserInput(message, "X-WAL-Position")] });
        return;
      }
      if (kind === "query") {
        const needed = neededBy(context.request, subject);
        setExecuteFn((execution) => readsFromReplica(needed, () => executeFn(execution)));
      } else if (kind === "mutation") {
        setExecuteFn(async (execution) => {
          const result = await executeFn(execution);
          const position = await committedPosition();
          if (position !== undefined) {
            written.set(context.request, laterOf(written.get(context.request), position)!);
            if (subject) remember(subject, position);
          }
          return result;
        });
      }
    },
    onResponse({ request, response }) {
      const position = written.get(request);
      if (position === undefined) return;
      const text = formatWalPosition(position);
      response.headers.set(POSITION_HEADER, text);
      const maxAge = Math.ceil(REMEMBER_MS / 1000);
      response.headers.append(
        "set-cookie",
        `${POSITION_COOKIE}=${encodeURIComponent(text)}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Lax`,
      );
    },
  };
}
