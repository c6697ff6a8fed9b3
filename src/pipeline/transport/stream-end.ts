// The end of a subscription, whatever ends it. Envelop's onEnd misses two endings: a stream
// that fails, and an SSE client that disconnects before its stream is first read (nothing
// ever calls `return()`; only the request's signal says so). Counting open subscriptions
// (the metrics gauge, the per-token caps) needs every ending, so it waits for this instead.

/**
 * `stream`, calling `onEnd` once when it completes, fails, is returned or thrown into, or when
 * `signal` aborts (which also returns it, so its source stops listening).
 */
export function untilEnd<T>(
  stream: AsyncIterable<T>,
  onEnd: () => void,
  signal?: AbortSignal,
): AsyncIterableIterator<T> {
  const iterator = stream[Symbol.asyncIterator]();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    signal?.removeEventListener("abort", abort);
    onEnd();
  };
  function abort() {
    end();
    iterator.return?.().catch(() => {});
  }
  if (signal?.aborted) abort();
  else signal?.addEventListener("abort", abort, { once: true });
  return {
    async next() {
      try {
        const step = await iterator.next();
        if (step.done) end();
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    async return(value?: unknown) {
      end();
      return (await iterator.return?.(value)) ?? { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      end();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/** The abort signal of the request a subscription came with (SSE: the client disconnected). */
export function requestSignalOf(context: unknown): AbortSignal | undefined {
  return (context as { request?: Request } | undefined)?.request?.signal;
}
