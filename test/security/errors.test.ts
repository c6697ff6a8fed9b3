// Unexpected failures reach the client masked, and the log under the request's id.
import { randomUUID } from "node:crypto";
import { afterEach, expect, test, vi } from "vitest";
import { prisma } from "../../src/data/db.ts";
import { logger } from "../../src/config/logger.ts";
import { post } from "../client.ts";
import { createBatches } from "../factories.ts";

afterEach(async () => {
  vi.restoreAllMocks();
  await prisma.$executeRawUnsafe(`ALTER TABLE IF EXISTS location_gone RENAME TO location`);
});

test("an internal failure is masked for the client and logged with the request id", async () => {
  const lines: { bindings: unknown; entry: unknown; message: string }[] = [];
  vi.spyOn(logger, "child").mockImplementation((bindings) => {
    const record = (entry: unknown, message: string) => lines.push({ bindings, entry, message });
    return { error: record, warn: record, info: record, debug: () => {} } as never;
  });
  await createBatches(1);
  await prisma.$executeRawUnsafe(`ALTER TABLE location RENAME TO location_gone`);

  const requestId = randomUUID();
  const result = await post<unknown>(
    { query: "{ batches(first: 1) { edges { node { location { label } } } } }" },
    { "x-request-id": requestId },
  );

  expect(result.errors?.[0]).toMatchObject({
    message: "Unexpected error.",
    extensions: { code: "INTERNAL_SERVER_ERROR" },
  });
  const body = JSON.stringify(result.errors);
  for (const internal of ["location_gone", "relation", "prisma", "SELECT", "stack", ".ts:"])
    expect(body).not.toContain(internal);

  const logged = lines.find((line) => line.message.startsWith("unexpected error"));
  expect(logged?.bindings).toEqual({ requestId });
  expect(String((logged?.entry as { err: Error }).err.message)).toMatch(/location/);
});
