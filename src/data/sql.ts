// Small SQL pieces shared by every domain's filters.
import { Prisma } from "../generated/prisma/client.ts";

/** LIKE's wildcards and escape character, matched literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (character) => `\\${character}`);

/** `expression` contains `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeContains = (expression: Prisma.Sql, text: string) => Prisma.sql`${expression} ILIKE ${`%${likeLiteral(text)}%`}`;

/** `expression` starts with `text`, case-insensitively, with `%` and `_` matching themselves. */
export const likeStartsWith = (expression: Prisma.Sql, text: string) => Prisma.sql`${expression} ILIKE ${`${likeLiteral(text)}%`}`;
