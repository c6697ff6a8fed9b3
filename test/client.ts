// Executes typed operations against the app in process through `yoga.fetch`, over the
// same HTTP handling a real client gets, and counts the SQL statements each one sends.
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type ExecutionResult, print } from "graphql";
import { ALL_SCOPES, type Scope } from "../src/graphql/scopes.ts";
import { mintToken } from "../src/pipeline/security/tokens.ts";
import { onQuery } from "../src/data/database.ts";
import { yoga } from "../src/app/gateway.ts";

export interface Response<T> extends ExecutionResult<T> {
  status: number;
  headers: Headers;
}

/** A bearer token signed with the test secret; every scope unless told otherwise. */
export async function tokenFor(scopes: readonly Scope[] = ALL_SCOPES, ttl = "10m"): Promise<string> {
  return mintToken({ scopes, subject: "test", ttl });
}

let defaultAuthorization: Promise<string> | undefined;

/** POSTs a GraphQL request; it carries an all-scopes token unless `authorization` is given ("" for none). */
export async function post<T>(body: unknown, headers: Record<string, string> = {}): Promise<Response<T>> {
  const authorization = headers.authorization ?? `Bearer ${await (defaultAuthorization ??= tokenFor())}`;
  const { authorization: _omit, ...rest } = headers;
  const response = await yoga.fetch("http://gateway.test/graphql", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      ...(authorization ? { authorization } : {}),
      ...rest,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as ExecutionResult<T>;
  return { ...json, status: response.status, headers: response.headers };
}

export function execute<T, V>(document: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>) {
  return post<T>({ query: print(document), variables }, headers);
}

/** Runs an operation and fails the test on any GraphQL error; returns its data. */
export async function query<T, V>(document: TypedDocumentNode<T, V>, variables?: V, headers?: Record<string, string>) {
  const result = await execute(document, variables, headers);
  if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
  return result.data as T;
}

/** The SQL statements sent while `run` executes. */
export async function recordStatements<R>(run: () => Promise<R>): Promise<{ result: R; statements: string[] }> {
  const statements: string[] = [];
  const stop = onQuery((sql) => statements.push(sql));
  try {
    const result = await run();
    return { result, statements };
  } finally {
    stop();
  }
}

/** The statements sent with db.query while `run` executes, with their parameters (to EXPLAIN them). */
export async function recordQueries<R>(
  run: () => Promise<R>,
): Promise<{ result: R; queries: { text: string; values: readonly unknown[] }[] }> {
  const queries: { text: string; values: readonly unknown[] }[] = [];
  const stop = onQuery((text, values) => {
    if (values) queries.push({ text, values });
  });
  try {
    return { result: await run(), queries };
  } finally {
    stop();
  }
}
