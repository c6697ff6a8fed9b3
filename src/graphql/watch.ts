// Subscriptions as live state: the current state first, then what changed after each event.
// Events carry only ids and every value is read when it is sent, so none is stale. A live
// state says separately what a new subscriber gets first (`current`) and what every subscriber
// gets after an event (`changed`): one source then serves every subscriber of the same
// operation, each joining with its own current state (src/pipeline/transport/shared-subscriptions.ts).
import { Repeater } from "graphql-yoga";

const LIVE_STATE = Symbol("liveState");

export interface LiveState<E, T> extends AsyncIterable<T> {
  readonly [LIVE_STATE]: true;
  /** The change events; their listener is registered before the first read of `current`. */
  readonly events: AsyncIterable<E>;
  /** What a new subscriber receives first: the current state, read now. */
  current(): Promise<readonly T[]>;
  /** What every subscriber receives after `event`, read now. */
  changed(event: E): Promise<readonly T[]>;
}

export function isLiveState(source: unknown): source is LiveState<unknown, unknown> {
  return typeof source === "object" && source !== null && LIVE_STATE in source;
}

/**
 * A live state. Iterated directly it is one subscriber's stream: `current()`, then `changed(e)`
 * for each event `e`, with the event listener registered before the first read so a change
 * committed in between is not missed.
 */
export function liveState<E, T>(
  spec: Omit<LiveState<E, T>, typeof LIVE_STATE | typeof Symbol.asyncIterator>,
): LiveState<E, T> {
  return {
    ...spec,
    [LIVE_STATE]: true,
    async *[Symbol.asyncIterator]() {
      const iterator = spec.events[Symbol.asyncIterator]();
      try {
        const firstEvent = iterator.next();
        yield* await spec.current();
        for (let event = await firstEvent; !event.done; event = await iterator.next()) {
          yield* await spec.changed(event.value);
        }
      } finally {
        await iterator.return?.();
      }
    },
  };
}

/** One value read by `load()` now and again after every event of `events`. */
export function watch<T>(events: AsyncIterable<unknown>, load: () => Promise<T>): LiveState<unknown, T> {
  const read = async () => [await load()];
  return liveState({ events, current: read, changed: read });
}

/** One stream of the events of several sources (e.g. one per watched id). */
export function merged<T>(sources: AsyncIterable<T>[]): AsyncIterable<T> {
  return Repeater.merge(sources) as AsyncIterable<T>;
}
