// npm run schema: print the builder's schema (sorted) to schema.graphql.
import { writeFileSync } from "node:fs";
import { printedSchema } from "../src/app/print.ts";

writeFileSync(new URL("../schema.graphql", import.meta.url), printedSchema());
console.log("schema.graphql written");
