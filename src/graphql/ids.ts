// Global ids are base64("Type:rawId"), as the Relay plugin encodes them. Decoding checks the
// type name so a WorkOrder id can never be used where a Batch id is expected.
import { decodeBase64, encodeBase64 } from "@pothos/core";
import { badUserInput } from "./errors.ts";

export function encodeGlobalId(typename: string, id: number | string | bigint): string {
  const text = `${typename}:${id}`;
  // btoa is the faster of the two (a page of 50 batches with their cycles encodes ~700 ids) but
  // takes Latin-1 only: type names are ASCII, and so are numeric ids.
  return typeof id === "string" ? encodeBase64(text) : btoa(text);
}

export function decodeGlobalId(globalId: string): { typename: string; id: string } {
  let decoded: string;
  try {
    decoded = decodeBase64(globalId);
  } catch {
    throw badUserInput(`"${globalId}" is not a valid global id`);
  }
  const colon = decoded.indexOf(":");
  if (colon <= 0 || colon === decoded.length - 1) throw badUserInput(`"${globalId}" is not a valid global id`);
  return { typename: decoded.slice(0, colon), id: decoded.slice(colon + 1) };
}

/** The integer database id behind a global id of the given type, or BAD_USER_INPUT naming the field. */
export function parseId(globalId: string | number, typename: string, field: string): number {
  const raw = String(globalId);
  let decoded: { typename: string; id: string } | undefined;
  try {
    decoded = decodeGlobalId(raw);
  } catch {
    decoded = undefined;
  }
  const id = decoded ? Number(decoded.id) : Number.NaN;
  if (!decoded || decoded.typename !== typename || !Number.isSafeInteger(id) || id <= 0) {
    throw badUserInput(`${field} must be the id of a ${typename}, got "${raw}"`, field);
  }
  return id;
}

export function parseIds(globalIds: readonly (string | number)[], typename: string, field: string): number[] {
  return globalIds.map((id, index) => parseId(id, typename, `${field}[${index}]`));
}

/** The raw part of a node's global id as a database integer id (for `id: { parse }`). */
export function parseRawId(raw: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) throw badUserInput(`"${raw}" is not a valid id`, "id");
  return id;
}
