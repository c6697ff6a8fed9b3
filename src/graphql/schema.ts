// The whole schema: the builder, its scalars, and one import per domain.
import { builder } from "./builder.ts";
import "./scalars.ts";
import "../production/index.ts";
import "../processes/index.ts";
import "../letters/index.ts";
import "../messages/index.ts";
import "../provisioning/index.ts";

export const schema = builder.toSchema({ sortSchema: true });
