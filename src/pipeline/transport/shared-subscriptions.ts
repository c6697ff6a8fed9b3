// Subscribers of the same operation share one execution per event. Subscribers that sent the
// same document, operation name and variables with the same scopes would receive the same
// results (resolvers read nothing else of the viewer), so one source, one read and one
// execution per event serve them all (shared-stream.ts): 10,000 watchers of one batch cost
// one load per change, not 10,000. Each execution gets a fresh context object (inheriting the
// first subscriber's viewer and request id), so per-request DataLoaders — cached per context —
// never serve an event the values they loaded for an earlier one.
import { type DocumentNode, type ExecutionArgs, GraphQLError, createSourceEventStream, execute, print } from "graphql";
import { type Plugin, isAsyncIterable } from "graphql-yoga";
import type { Context } from "../../graphql/context.ts";
import { SharedStream } from "./shared-stream.ts";

const printed = new WeakMap<DocumentNode, string>();

/** Yoga parses a document text once and reuses the node, so each is printed once. */
function textOf(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** Objects with sorted keys, so `{a,b}` and `{b,a}` share. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What decides a subscriber's results; undefined (nothing shared) when the variables cannot be written out. */
function sharingKey(args: ExecutionArgs): string | undefined {
  const { viewer } = args.contextValue as Context;
  try {
    const scopes = viewer ? [...viewer.scopes].sort() : null;
    const decisive = [textOf(args.document), args.operationName ?? null, args.variableValues ?? {}, scopes];
    return JSON.stringify(decisive, sortedKeys);
  } catch {
    return undefined; // e.g. variables nested too deep to write out: this subscriber gets its own stream
  }
}

export function sharedSubscriptions(): Plugin {
  const streams = new Map<string, SharedStream>();

  async function subscribe(args: ExecutionArgs) {
    const key = sharingKey(args);
    const existing = key === undefined ? undefined : streams.get(key);
    if (existing) return existing.join();
    let source: Awaited<ReturnType<typeof createSourceEventStream>>;
    try {
      // Runs the field's subscribe: arguments and scopes are checked here, and nothing is read yet.
      source = await createSourceEventStream(args);
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      return { errors: [new GraphQLError("Subscription failed", { originalError: error as Error })] };
    }
    if (!isAsyncIterable(source)) return source; // refused: arguments or scopes
    const raced = key === undefined ? undefined : streams.get(key);
    if (raced) {
      source[Symbol.asyncIterator]()
        .return?.()
        .catch(() => {});
      return raced.join();
    }
    const context = args.contextValue as Context;
    const run = (payload: unknown) => execute({ ...args, rootValue: payload, contextValue: Object.create(context) });
    const stream: SharedStream = new SharedStream(
      source,
      run,
      () => {
        if (key !== undefined && streams.get(key) === stream) streams.delete(key);
      },
      context.requestId,
    );
    if (key !== undefined) streams.set(key, stream);
    return stream.join();
  }

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn(subscribe);
    },
  };
}
