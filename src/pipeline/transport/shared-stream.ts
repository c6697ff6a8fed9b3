// One subscription source serving many subscribers: each event is read and executed once and
// the one result goes to every subscriber. All reads run one after another, so a subscriber
// never receives an older state after a newer one. A live state (watch.ts) gives each new
// subscriber its own current state first; any other source (a feed of new events) gives
// joiners only what happens after they joined.
import { type ExecutionResult, GraphQLError } from "graphql";
import { logger } from "../../config/logger.ts";
import { type LiveState, isLiveState } from "../../graphql/watch.ts";
import { readsAfterLatestCommit } from "../../data/db.ts";

/** Results a subscriber may leave unread before it is ended (a client that stopped reading). */
export const MAX_UNREAD_RESULTS = 1000;

type Execute = (payload: unknown) => ExecutionResult | Promise<ExecutionResult>;

/** One subscriber's stream of results. */
class Subscriber implements AsyncIterableIterator<ExecutionResult> {
  private readonly unread: ExecutionResult[] = [];
  private waiting?: (step: IteratorResult<ExecutionResult>) => void;
  /** No longer receives results: its unread ones are read, then it is done. */
  private finishing = false;
  private ended = false;

  constructor(private readonly leave: (subscriber: Subscriber) => void) {}

  /** Still receiving results. */
  get active(): boolean {
    return !this.finishing;
  }

  push(result: ExecutionResult): void {
    if (this.finishing) return;
    if (this.unread.length >= MAX_UNREAD_RESULTS) {
      const message = `More than ${MAX_UNREAD_RESULTS} results went unread; the subscription ended`;
      this.fail(new GraphQLError(message, { extensions: { code: "LIMIT_EXCEEDED" } }));
      return;
    }
    this.deliver(result);
  }

  /** A last result carrying `error`, then the end. */
  fail(error: GraphQLError): void {
    if (this.finishing) return;
    this.deliver({ errors: [error] });
    this.end();
  }

  /** The end, once the unread results are read. */
  end(): void {
    if (this.finishing) return;
    this.finishing = true;
    this.leave(this);
    if (this.waiting) this.close();
  }

  next(): Promise<IteratorResult<ExecutionResult>> {
    const result = this.unread.shift();
    if (result) return Promise.resolve({ value: result, done: false });
    if (this.finishing) return this.return();
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<ExecutionResult>> {
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private deliver(result: ExecutionResult) {
    // A copy each: transports and plugins may replace a result's fields for their subscriber.
    if (this.waiting) this.settle({ value: { ...result }, done: false });
    else this.unread.push({ ...result });
  }

  private close() {
    if (this.ended) return;
    this.ended = true;
    this.unread.length = 0;
    this.settle({ value: undefined, done: true });
    if (!this.finishing) this.leave(this);
    this.finishing = true;
  }

  private settle(step: IteratorResult<ExecutionResult>) {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(step);
  }
}

export class SharedStream {
  /** Every subscriber attached, whether or not it has its current state yet. */
  private readonly members = new Set<Subscriber>();
  /** The subscribers that receive each event. */
  private readonly subscribers = new Set<Subscriber>();
  /** Joined, waiting for their current state; they receive events only after it. */
  private joining: Subscriber[] = [];
  private work: Promise<void> = Promise.resolve();
  private readonly events: AsyncIterator<unknown>;
  private readonly live?: LiveState<unknown, unknown>;
  private closed = false;

  /** `source` is what the field's subscribe returned; `onClosed` runs when the last subscriber leaves. */
  constructor(
    source: AsyncIterable<unknown>,
    private readonly execute: Execute,
    private readonly onClosed: () => void,
    private readonly requestId: string,
  ) {
    if (isLiveState(source)) this.live = source;
    // Listening starts here, before any current state is read, so no change in between is missed.
    this.events = (this.live?.events ?? source)[Symbol.asyncIterator]();
    void this.pump();
  }

  join(): Subscriber {
    const subscriber = new Subscriber((gone) => this.leave(gone));
    this.members.add(subscriber);
    if (!this.live) {
      this.subscribers.add(subscriber);
    } else {
      this.joining.push(subscriber);
      if (this.joining.length === 1) this.schedule(() => this.sendCurrentState());
    }
    return subscriber;
  }

  private async pump() {
    try {
      for (let event = await this.events.next(); !event.done && !this.closed; event = await this.events.next()) {
        const payload = event.value;
        const live = this.live;
        const read = live ? () => live.changed(payload) : async () => [payload];
        // The event was published after its commit: the read sees at least that (a replica that has replayed it).
        this.schedule(() => readsAfterLatestCommit(() => this.send([...this.subscribers], read)));
      }
      this.schedule(async () => this.finish());
    } catch (error) {
      this.schedule(async () => this.finish(error));
    }
  }

  private schedule(task: () => Promise<void>) {
    this.work = this.work.then(() => (this.closed ? undefined : task())).catch((error: unknown) => this.finish(error));
  }

  private async sendCurrentState() {
    const joiners = this.joining.filter((subscriber) => subscriber.active);
    this.joining = [];
    const live = this.live;
    if (!live || joiners.length === 0) return;
    await readsAfterLatestCommit(() => this.send(joiners, () => live.current()));
    for (const subscriber of joiners) if (subscriber.active) this.subscribers.add(subscriber);
  }

  /** Reads once, executes each payload once, and gives every result to each of `subscribers`. */
  private async send(subscribers: Subscriber[], read: () => Promise<readonly unknown[]>) {
    if (!subscribers.some((subscriber) => subscriber.active)) return;
    for (const payload of await read()) {
      const result = await this.execute(payload);
      for (const subscriber of subscribers) subscriber.push(result);
    }
  }

  /** The source ended or failed: every subscriber gets what was sent, then the error if any, then the end. */
  private finish(error?: unknown) {
    if (this.closed) return;
    if (error !== undefined) logger.error({ err: error, requestId: this.requestId }, "subscription source failed");
    const failure =
      error instanceof GraphQLError
        ? error
        : new GraphQLError("The subscription's source failed", { originalError: error as Error });
    for (const subscriber of [...this.members]) {
      if (error === undefined) subscriber.end();
      else subscriber.fail(failure);
    }
    this.close();
  }

  private leave(subscriber: Subscriber) {
    this.members.delete(subscriber);
    this.subscribers.delete(subscriber);
    if (this.members.size === 0) this.close();
  }

  private close() {
    if (this.closed) return;
    this.closed = true;
    this.events.return?.().catch(() => {});
    this.onClosed();
  }
}
