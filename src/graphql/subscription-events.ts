// Each subscription event runs with a fresh context object (inheriting the subscriber's
// viewer and request id), so per-request DataLoaders — cached per context — never serve an
// event the values they loaded for an earlier one.
import { type ExecutionArgs, createSourceEventStream, execute } from "graphql";
import type { Plugin } from "graphql-yoga";

async function* perEvent(stream: AsyncIterable<unknown>, args: ExecutionArgs) {
  const context = args.contextValue as object;
  for await (const payload of stream) {
    yield await execute({ ...args, rootValue: payload, contextValue: Object.create(context) });
  }
}

export const freshContextPerEvent: Plugin = {
  onSubscribe({ setSubscribeFn }) {
    setSubscribeFn(async (args) => {
      const stream = await createSourceEventStream(args as ExecutionArgs);
      if (!(Symbol.asyncIterator in stream)) return stream;
      return perEvent(stream, args as ExecutionArgs);
    });
  },
};
