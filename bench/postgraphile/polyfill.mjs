// PostGraphile 5 expects Node 22's Promise.withResolvers; Node 20 lacks it.
Promise.withResolvers ??= function withResolvers() {
  let resolve, reject;
  const promise = new this((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};
