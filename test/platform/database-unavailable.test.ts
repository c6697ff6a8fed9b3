// Every shape in which "the database cannot be used" reaches the gateway is recognised (and
// answered 503 SERVICE_UNAVAILABLE), and nothing else is: each failure here is produced by the
// real driver — node-postgres, Prisma with its PostgreSQL and PGlite adapters, PGlite itself.
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { expect, test } from "vitest";
import { db } from "../../src/data/db.ts";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { isDatabaseUnavailable } from "../../src/graphql/execution/database-unavailable.ts";
import { freePort } from "../../tools/ports.ts";

const postgres = db.kind === "postgres";
const failure = async (work: () => Promise<unknown>): Promise<unknown> => {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

test("PGlite closed (as while the process shuts down), directly and through Prisma", async () => {
  const pglite = new PGlite();
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  await prisma.$queryRawUnsafe("SELECT 1");
  await pglite.close();
  expect(isDatabaseUnavailable(await failure(() => pglite.query("SELECT 1")))).toBe(true);
  expect(isDatabaseUnavailable(await failure(() => prisma.$queryRawUnsafe("SELECT 1")))).toBe(true);
  await prisma.$disconnect();
}, 120_000);

test("nothing listening: node-postgres and Prisma's PostgreSQL adapter", async () => {
  const url = `postgresql://nobody@127.0.0.1:${await freePort()}/nowhere`;
  const client = new pg.Client({ connectionString: url });
  expect(isDatabaseUnavailable(await failure(() => client.connect()))).toBe(true);
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  expect(isDatabaseUnavailable(await failure(() => prisma.$queryRawUnsafe("SELECT 1")))).toBe(true);
  expect(
    isDatabaseUnavailable(await failure(() => prisma.$transaction(async (tx) => tx.$queryRawUnsafe("SELECT 1")))),
  ).toBe(true);
  await prisma.$disconnect();
});

test.skipIf(!postgres)(
  "a session terminated by PostgreSQL (57P01), between statements and in a Prisma transaction",
  async () => {
    const url = process.env.DATABASE_URL!;
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {}); // as the app's pool does for every client (src/data/database.ts)
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await db.pool!.query("SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isDatabaseUnavailable(await failure(() => client.query("SELECT 1")))).toBe(true);
    await client.end().catch(() => {});

    const pool = new pg.Pool({ connectionString: url });
    pool.on("connect", (pooled) => pooled.on("error", () => {})); // as src/data/database.ts does
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const cut = await failure(() =>
      prisma.$transaction(async (tx) => {
        const [{ pid }] = await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid");
        await db.pool!.query("SELECT pg_terminate_backend($1)", [pid]);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await tx.$queryRawUnsafe("SELECT 1");
      }),
    );
    expect(isDatabaseUnavailable(cut)).toBe(true);
    await prisma.$disconnect();
    await pool.end();
  },
);

test.skipIf(!postgres)("no connection free in time: pg-pool's wait and Prisma's transaction maxWait", async () => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1, connectionTimeoutMillis: 100 });
  const held = await pool.connect();
  expect(isDatabaseUnavailable(await failure(() => pool.query("SELECT 1")))).toBe(true);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  expect(isDatabaseUnavailable(await failure(() => prisma.$transaction(async () => {}, { maxWait: 50 })))).toBe(true);
  held.release();
  await prisma.$disconnect();
  await pool.end();
});

test("failures of the request or the code are not mistaken for an unavailable database", async () => {
  const errors = [
    await failure(() => db.prisma.$queryRawUnsafe("SELEC 1")),
    await failure(() => db.prisma.$queryRawUnsafe("SELECT * FROM no_such_table")),
    await failure(() =>
      db.prisma.location
        .create({ data: { id: 1, label: "a" } })
        .then(() => db.prisma.location.create({ data: { id: 1, label: "b" } })),
    ),
    new Error("boom"),
    new TypeError("Cannot read properties of undefined"),
  ];
  expect(errors.map((error) => isDatabaseUnavailable(error))).toEqual([false, false, false, false, false]);
});
