// The whole schema: the builder, its scalars, and one import per domain.
import { builder } from "./builder.ts";
import "./scalars.ts";
import "../production/index.ts";

export const schema = builder.toSchema({ sortSchema: true });
