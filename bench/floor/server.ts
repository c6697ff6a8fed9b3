// The floor: a bare node:http server answering the benchmark's read requests with ONE prepared
// SQL statement each, the response text built by PostgreSQL. No GraphQL, no auth, no validation:
// what any GraphQL server over this database could at best approach.
import { createServer } from "node:http";
import pg from "pg";
import { BATCH_NODE, batchPage } from "./sql.ts";

const PAGE_FIRST = batchPage(false);
const PAGE_AFTER = batchPage(true);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });

interface Request {
  operationName?: string;
  variables?: { first?: number; after?: string | null; id?: string };
}

function decodeAfter(after: string | null | undefined): [string | null, number | null] {
  if (!after) return [null, null];
  const [, createdAt, id] = JSON.parse(Buffer.from(after, "base64url").toString("utf8")) as [string, string, number];
  return [createdAt, id];
}

async function answer(request: Request): Promise<string | undefined> {
  const { operationName, variables = {} } = request;
  if (operationName === "BenchBatches" || operationName === "BenchCursors") {
    const [createdAt, id] = decodeAfter(variables.after);
    const first = variables.first ?? 20;
    const { rows } = createdAt
      ? await pool.query({ name: "batch-page-after", text: PAGE_AFTER, values: [first, createdAt, id] })
      : await pool.query({ name: "batch-page-first", text: PAGE_FIRST, values: [first] });
    return rows[0].body;
  }
  if (operationName === "BenchNode") {
    const rawId = Number(
      Buffer.from(variables.id ?? "", "base64")
        .toString("utf8")
        .split(":")[1],
    );
    const { rows } = await pool.query({ name: "batch-node", text: BATCH_NODE, values: [rawId] });
    return rows[0].body;
  }
  return undefined;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    answer(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Request).then(
      (body) => {
        res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
        res.end(body ?? '{"errors":[{"message":"the floor answers only the benchmark operations"}]}');
      },
      (error: Error) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ errors: [{ message: error.message }] }));
      },
    );
  });
});

server.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
