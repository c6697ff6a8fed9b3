// The catalog of the production domain: customers, programs, projects, locations, users (technicians)
// and statuses with their counts by category.
// Importing this defines them on the builder; the export is what the production domain registers.
import "./status.ts";
import "./status-counts.ts";
import "./location.ts";
import "./user.ts";
import "./customer.ts";
import "./program.ts";
import "./project.ts";

/** Its types a federation router resolves by id. */
export const entities = [] as const;
