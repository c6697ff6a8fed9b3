// Small SQL pieces shared by every domain's filters.
import { Prisma } from "../generated/prisma/client.ts";

/** LIKE's wildcards and escape character, matched literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** `expression` contains `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeContains = (expression: Prisma.Sql, text: string) => Prisma.sql`${expression} ILIKE ${`%${likeLiteral(text)}%`}`;

/** `expression` starts with `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeStartsWith = (expression: Prisma.Sql, text: string) => Prisma.sql`${expression} ILIKE ${`${likeLiteral(text)}%`}`;

/**
 * A list of enum values as one parameter of the enum's array type, e.g. `= ANY(${enumArray(statuses,
 * "message_status")})`: sent as text[] (PGlite cannot serialize an array of a type it does not
 * know) and cast, so the comparison is on the enum itself and its index is used.
 */
export const enumArray = (values: readonly string[], type: string) => Prisma.sql`${[...values]}::text[]::${Prisma.raw(`"${type}"`)}[]`;
