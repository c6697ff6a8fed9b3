process.env.NODE_ENV = "development";
process.env.DATA_DIR = "memory://";
process.env.LOG_LEVEL = "error";
const { createServer, request } = await import("node:http");
const { yoga } = await import("./src/yoga.ts");
const server = createServer(yoga);
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const port = (server.address() as any).port;
const req = request({
  host: "127.0.0.1",
  port,
  path: "/graphql",
  method: "POST",
  headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
});
req.on("response", (res) => {
  let b = "";
  res.on("data", (d) => (b += d));
  res.on("end", () => {
    console.log(res.statusCode, b);
    process.exit(0);
  });
});
req.write('{"query":');
req.end('"{ __typename }"}');
