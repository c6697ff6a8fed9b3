// What a benchmark case is: one request shape, written in each server's dialect, measured on
// every server that speaks it (the gateway, PostGraphile, and for Q1–Q3 the floor).

/** A fixed request body, or a fresh one per request (e.g. a random cycle to update). */
export type Body = string | (() => string);

export type ServerName = "gateway" | "postgraphile" | "floor";

/** What a case may ask of the server it is being prepared for. */
export interface CaseContext {
  server: ServerName;
  /** Rows per table in the seeded database (bench/database.ts). */
  rows: Record<string, number>;
  /** Sends one request to this server and returns its parsed JSON (errors throw). */
  send(body: string): Promise<unknown>;
}

export interface BenchCase {
  /** The name `--cases` selects it by. */
  name: string;
  /** One line for the report: the shape, in the gateway's words. */
  description: string;
  /** Reads are compared across servers and held to the read targets; writes to the mutation target. */
  kind: "read" | "write";
  /**
   * Whether the case takes a page size: its statements are counted for pages of 5 and 50 (and
   * must be equal); timed with 50. Unpaged cases are counted and timed as they are.
   */
  paged: boolean;
  /** The servers it runs on, in run order; the first one's answers are the reference. */
  servers: ServerName[];
  /** The request for a server and page size (ignored when unpaged). */
  request(context: CaseContext, page: number): Promise<Body> | Body;
  /** What must agree across servers, when `fingerprint` (ids, counts, list lengths) cannot say it. */
  summarize?(server: ServerName, response: unknown): (string | number)[];
}

/** A GraphQL request body. */
export const body = (operationName: string, query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ operationName, query, variables });

/** Global ids in each server's scheme: the gateway's base64 "Type:id", PostGraphile's base64 '["Type",id]'. */
export function globalId(server: ServerName, type: string, id: number): string {
  const text = server === "postgraphile" ? JSON.stringify([type, id]) : `${type}:${id}`;
  return Buffer.from(text).toString("base64");
}

/** The row id inside either server's global id. */
export function rowIdOf(id: string): string {
  const text = Buffer.from(id, "base64").toString("utf8");
  return text.startsWith("[") ? String(JSON.parse(text)[1]) : text.slice(text.indexOf(":") + 1);
}

/**
 * What must agree across servers, read without declaring each shape: in document order, every
 * `id` (as its row id), every `totalCount` and every list's length. Both dialects select the
 * same fields in the same order, so equal data gives equal sequences.
 */
export function fingerprint(response: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      out.push(value.length);
      for (const item of value) walk(item);
    } else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "id" && typeof inner === "string") out.push(rowIdOf(inner));
        else if (key === "totalCount" && typeof inner === "number") out.push(inner);
        else walk(inner);
      }
    }
  };
  walk((response as { data?: unknown }).data);
  return out;
}
