// Cycles: the Cycle type, the cycles list and the cycle status mutation.
// Importing this defines them on the builder; the export is what the production domain registers.
import "./cycle.ts";
import "./cycle-queries.ts";
import "./cycle-mutations.ts";
import { CycleNode } from "./cycle.ts";

/** Its types a federation router resolves by id. */
export const entities = [CycleNode] as const;
