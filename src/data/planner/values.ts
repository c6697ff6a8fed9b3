// Values the planner read for a row's fields, kept with the row under a symbol and looked up by
// the response key of the field being resolved (its alias, or its name) — the key graphql-js
// and graphql-jit resolve it under, so two aliases of one field with other arguments never see
// each other's values. A field that finds nothing loads as usual: planning changes how many
// statements a request sends, never its answer.
import type { GraphQLResolveInfo } from "graphql";

const PLANNED = Symbol("planned values");

type Planned = Record<string, unknown>;
type WithPlanned = { [PLANNED]?: Planned };

/** Marks a value as absent (distinct from a planned null). */
export const NOT_PLANNED: unique symbol = Symbol("not planned");

/** Keeps the planned values (response key → value) with `row`. */
export function keepPlanned(row: object, values: Planned): void {
  (row as WithPlanned)[PLANNED] = values;
}

/** The planned value of the field being resolved on `row`, or NOT_PLANNED. */
export function plannedValue<T>(row: object, info: Pick<GraphQLResolveInfo, "path">): T | typeof NOT_PLANNED {
  const values = (row as WithPlanned)[PLANNED];
  if (values === undefined) return NOT_PLANNED;
  const key = info.path.key as string;
  return Object.hasOwn(values, key) ? (values[key] as T) : NOT_PLANNED;
}

/** Whether `row` came from the planner (its fields hold only the columns the selection reads). */
export const isPlanned = (row: object): boolean => (row as WithPlanned)[PLANNED] !== undefined;
