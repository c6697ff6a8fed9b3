import type { GraphQLEnumType } from "graphql";
import { expect, test } from "vitest";
import { LetterStatus } from "../../src/generated/prisma/enums.ts";
import { schema } from "../../src/app/schema.ts";
import { canMove, statusesLeadingTo, TRANSITIONS } from "../../src/domains/letters/transitions.ts";

test("nothing moves back to PENDING, and the final statuses move nowhere", () => {
  expect(statusesLeadingTo("PENDING")).toEqual([]);
  for (const final of ["REJECTED", "CANCELLED", "FAILED", "DESTROYED"] as const) expect(TRANSITIONS[final]).toEqual([]);
  expect(canMove("DISPATCHED", "DELIVERED")).toBe(true);
  expect(canMove("DELIVERED", "DISPATCHED")).toBe(false);
  expect(statusesLeadingTo("DISPATCHED")).toEqual(["PRINTED", "ENCLOSED", "RETURNED"]);
});

test("every LetterStatus value's description names the statuses it can move on to", () => {
  const values = new Map(
    (schema.getType("LetterStatus") as GraphQLEnumType).getValues().map((value) => [value.name, value.description]),
  );
  expect([...values.keys()].sort()).toEqual(Object.values(LetterStatus).sort());
  expect(values.get("PRINTED")).toMatch(/Can move on to ENCLOSED, DISPATCHED, FAILED, CANCELLED\.$/);
  expect(values.get("DESTROYED")).toMatch(/Final: moves nowhere\.$/);
});
