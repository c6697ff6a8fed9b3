// The shared stream's own rules, with an in-memory event source: joiners get the current state
// first, a subscriber that stops reading is ended alone, a failing source ends everyone with
// an error, and the source stops listening when the last subscriber leaves.
import type { ExecutionResult } from "graphql";
import { Repeater } from "graphql-yoga";
import { expect, test } from "vitest";
import { MAX_UNREAD_RESULTS, SharedStream } from "../../src/pipeline/transport/shared-stream.ts";
import { liveState } from "../../src/graphql/watch.ts";

/** A live state over a counter: `current` and `changed` both read it; `emit` is a change event. */
function counterSource() {
  let value = 0;
  let push: (event: number) => void = () => {};
  let listening = false;
  const events = new Repeater<number>(async (next, stop) => {
    listening = true;
    push = (event) => void next(event);
    await stop;
    listening = false;
  });
  const source = liveState({
    events,
    current: async () => [value],
    changed: async (event: number) => {
      if (event < 0) throw new Error("the read failed");
      return [value];
    },
  });
  return {
    source,
    set: (next: number) => (value = next),
    emit: (event = 1) => push(event),
    listening: () => listening,
  };
}

const execute = (payload: unknown): ExecutionResult => ({ data: { value: payload as number } });
const nextValue = async (stream: AsyncIterator<ExecutionResult>) => (await stream.next()).value?.data?.value;
const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

test("joiners get the state current when they join, then every change; the last to leave stops the source", async () => {
  const counter = counterSource();
  let closed = 0;
  const shared = new SharedStream(counter.source, execute, () => closed++, "test");
  const first = shared.join();
  expect(await nextValue(first)).toBe(0);
  counter.set(5); // no event: a joiner still reads it
  const second = shared.join();
  expect(await nextValue(second)).toBe(5);
  counter.set(6);
  counter.emit();
  expect([await nextValue(first), await nextValue(second)]).toEqual([6, 6]);
  expect(counter.listening()).toBe(true);
  await first.return!();
  await second.return!();
  await tick();
  expect(closed).toBe(1);
  expect(counter.listening()).toBe(false);
});

test(`a subscriber leaving more than ${MAX_UNREAD_RESULTS} results unread is ended alone`, async () => {
  const counter = counterSource();
  const shared = new SharedStream(counter.source, execute, () => {}, "test");
  const [reader, idle] = [shared.join(), shared.join()];
  expect(await nextValue(reader)).toBe(0);
  for (let i = 1; i <= MAX_UNREAD_RESULTS + 1; i++) {
    counter.set(i);
    counter.emit();
    expect(await nextValue(reader)).toBe(i);
  }
  const unread: ExecutionResult[] = [];
  for (let step = await idle.next(); !step.done; step = await idle.next()) unread.push(step.value);
  expect(unread).toHaveLength(MAX_UNREAD_RESULTS + 1);
  expect(unread.at(-1)?.errors?.[0]?.extensions?.code).toBe("LIMIT_EXCEEDED");
  counter.emit();
  expect(await nextValue(reader)).toBe(MAX_UNREAD_RESULTS + 1);
  await reader.return!();
});

test("a failing read ends every subscriber with a last error result, and stops the source", async () => {
  const counter = counterSource();
  let closed = 0;
  const shared = new SharedStream(counter.source, execute, () => closed++, "test");
  const subscribers = [shared.join(), shared.join()];
  expect(subscribers).toHaveLength(2);
  for (const subscriber of subscribers) expect(await nextValue(subscriber)).toBe(0);
  counter.emit(-1);
  for (const subscriber of subscribers) {
    const last = await subscriber.next();
    expect(last.value?.errors?.[0]?.message).toBe("The subscription's source failed");
    expect((await subscriber.next()).done).toBe(true);
  }
  await tick();
  expect(closed).toBe(1);
  expect(counter.listening()).toBe(false);
});
