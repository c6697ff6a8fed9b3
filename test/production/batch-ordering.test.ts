// Every ordering of the batches list, both directions, paged forwards and backwards: each batch
// once, in the order a user asked for (ties by id, batches without a due date last ascending
// and first descending), and each filter returning exactly its batches.
import { describe, expect, test } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { query } from "../client.ts";
import { createBatches, createWorkOrder, globalId } from "../factories.ts";
import { BatchesPageDocument } from "../generated/graphql.ts";

type Field = "CREATED_AT" | "UPDATED_AT" | "DUE_DATE" | "LABEL";
type Direction = "ASC" | "DESC";

async function setUp() {
  const { queue, batches, location } = await createBatches(9);
  // Ties and gaps: three labels shared, two due dates shared, three batches without one, and
  // updatedAt in an order unrelated to creation.
  const labels = ["B", "A", "C", "A", "B", "100% done", "C", "A", "under_score"];
  const dues = [2, null, 1, 2, null, 3, 1, null, 4];
  for (const [i, batch] of batches.entries()) {
    await prisma.batch.update({
      where: { id: batch.id },
      data: {
        label: labels[i]!,
        dueDate: dues[i] === null ? null : new Date(Date.UTC(2026, 5, dues[i]!)),
        updatedAt: new Date(Date.UTC(2026, 6, 1, 0, 0, (i * 7) % 9)),
        statusCategory: i % 3 === 0 ? "COMPLETE" : "PENDING",
      },
    });
  }
  const rows = await prisma.batch.findMany({ where: { queueId: queue.id } });
  return { queue, location, rows };
}

const FIELD = { CREATED_AT: "createdAt", UPDATED_AT: "updatedAt", DUE_DATE: "dueDate", LABEL: "label" } as const;

function expectedOrder(rows: Awaited<ReturnType<typeof setUp>>["rows"], field: Field, direction: Direction): string[] {
  const key = (row: (typeof rows)[number]) => {
    const value = row[FIELD[field]];
    return value instanceof Date ? value.getTime() : value;
  };
  const sign = direction === "ASC" ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x === y) return sign * (a.id - b.id);
    // NULL is the largest value, as PostgreSQL sorts it.
    if (x === null) return sign;
    if (y === null) return -sign;
    return sign * (x < y ? -1 : 1);
  });
  return sorted.map((row) => globalId("Batch", row.id));
}

describe("batches list orderings", () => {
  test("every ordering and direction pages forwards and backwards through each batch once, in order", async () => {
    const { queue, rows } = await setUp();
    const filter = { queueIds: [globalId("Queue", queue.id)] };
    for (const field of ["CREATED_AT", "UPDATED_AT", "DUE_DATE", "LABEL"] as const) {
      for (const direction of ["ASC", "DESC"] as const) {
        const orderBy = { field, direction };
        const expected = expectedOrder(rows, field, direction);
        const forwards: string[] = [];
        for (let after: string | null | undefined, more = true; more; ) {
          const { batches } = await query(BatchesPageDocument, { first: 2, after, filter, orderBy });
          forwards.push(...batches.edges.map((edge) => edge.node.id));
          ({ hasNextPage: more, endCursor: after } = batches.pageInfo);
        }
        expect(forwards, `${field} ${direction} forwards`).toEqual(expected);
        const backwards: string[] = [];
        for (let before: string | null | undefined, more = true; more; ) {
          const { batches } = await query(BatchesPageDocument, { last: 2, before, filter, orderBy });
          backwards.unshift(...batches.edges.map((edge) => edge.node.id));
          ({ hasPreviousPage: more, startCursor: before } = batches.pageInfo);
        }
        expect(backwards, `${field} ${direction} backwards`).toEqual(expected);
      }
    }
  });

  test("each filter returns exactly its batches, and totalCount counts them", async () => {
    const { queue, rows } = await setUp();
    const other = await createWorkOrder({ locationId: rows[0]!.locationId });
    await prisma.batch.update({ where: { id: rows[4]!.id }, data: { workOrderId: other.id } });
    const inQueue = { queueIds: [globalId("Queue", queue.id)] };
    const ids = async (filter: object) => {
      const { batches } = await query(BatchesPageDocument, { first: 100, filter: { ...inQueue, ...filter } });
      expect(batches.totalCount).toBe(batches.edges.length);
      return new Set(batches.edges.map((edge) => edge.node.id));
    };
    const matching = (keep: (row: (typeof rows)[number]) => boolean) =>
      new Set(rows.filter(keep).map((row) => globalId("Batch", row.id)));
    expect(await ids({ labelContains: "a" })).toEqual(matching((row) => row.label.toLowerCase().includes("a")));
    // LIKE's wildcards are matched literally.
    expect(await ids({ labelContains: "0%" })).toEqual(matching((row) => row.label.includes("0%")));
    expect(await ids({ labelContains: "r_s" })).toEqual(matching((row) => row.label.includes("r_s")));
    expect(await ids({ labelContains: "%" })).toEqual(matching((row) => row.label.includes("%")));
    expect(await ids({ statusCategories: ["COMPLETE"] })).toEqual(matching((row) => row.statusCategory === "COMPLETE"));
    const from = new Date(Date.UTC(2026, 5, 2));
    const to = new Date(Date.UTC(2026, 5, 3));
    expect(await ids({ dueFrom: from.toISOString(), dueTo: to.toISOString() })).toEqual(
      matching((row) => row.dueDate !== null && row.dueDate >= from && row.dueDate <= to),
    );
    expect(await ids({ workOrderIds: [globalId("WorkOrder", other.id)] })).toEqual(
      matching((row) => row.id === rows[4]!.id),
    );
    expect((await ids({ statusCategories: [] })).size).toBe(0);
  });
});
