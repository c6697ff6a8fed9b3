import { lexicographicSortSchema, printSchema } from "graphql";
import { schema } from "./schema.ts";

/** The SDL committed as schema.graphql; a test fails when the file differs. */
export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
