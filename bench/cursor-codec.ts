// npx tsx bench/cursor-codec.ts — what sealing cursors costs (src/graphql/cursor-sealing.ts): the
// time to encode and to decode 1,000 cursors of a timestamp ordering, beside the plain base64 JSON
// cursors used before. Needs JWT_SECRET or CURSOR_SECRET (any 32+ characters) in the environment.
import { encodeCursor, decodeCursor } from "../src/graphql/pagination.ts";
const ordering = { list: "Query.batches", order: "createdAt:desc", valueType: "timestamp" } as const;
const rows = Array.from({ length: 1000 }, (_, i) => ({
  value: new Date(1_700_000_000_000 + i * 1000).toISOString(),
  id: i + 1,
}));
const plain = (c: { value: string; id: number }) =>
  Buffer.from(JSON.stringify(["createdAt:desc", c.value, c.id])).toString("base64url");
const time = (label: string, run: () => void) => {
  for (let i = 0; i < 30; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  console.log(label, "ms per 1000: min", samples[0]!.toFixed(2), "median", samples[50]!.toFixed(2));
};
time("plain base64 JSON (before)", () => {
  for (const row of rows) plain(row);
});
time("sealed encode", () => {
  for (const row of rows) encodeCursor(ordering, row);
});
const sealed = rows.map((r) => encodeCursor(ordering, r));
time("sealed decode", () => {
  for (const cursor of sealed) decodeCursor(cursor, ordering, "after");
});
console.log("length plain", plain(rows[0]!).length, "sealed", sealed[0]!.length);
