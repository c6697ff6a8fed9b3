// Subscriptions as "watch" streams: the current state first, then the state again after each
// change event. Events carry only ids and every value is read fresh, so none is stale.
import { Repeater } from "graphql-yoga";

/**
 * Yields `load()` now and after every event of `events`. The event listener is registered
 * before the first read, so a change committed in between is not missed.
 */
export async function* watch<T>(events: AsyncIterable<unknown>, load: () => Promise<T>): AsyncGenerator<T> {
  const iterator = events[Symbol.asyncIterator]();
  try {
    const firstEvent = iterator.next();
    yield await load();
    for (let event = await firstEvent; !event.done; event = await iterator.next()) yield await load();
  } finally {
    await iterator.return?.();
  }
}

/** One stream of the events of several sources (e.g. one per watched id). */
export function merged<T>(sources: AsyncIterable<T>[]): AsyncIterable<T> {
  return Repeater.merge(sources) as AsyncIterable<T>;
}
