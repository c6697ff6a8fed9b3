// The whole schema: the builder, its scalars, and one import per domain.
import { withTypeScopes } from "../auth/type-scopes.ts";
import { builder } from "./builder.ts";
import "./scalars.ts";
import "../production/index.ts";
import "../processes/index.ts";
import "../letters/index.ts";
import "../messages/index.ts";
import "../provisioning/index.ts";

/** Types' read scopes are enforced where a query reaches them (src/auth/type-scopes.ts). */
export const schema = withTypeScopes(builder.toSchema({ sortSchema: true }));
