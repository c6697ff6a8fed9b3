// Production: the small fixed organisation (locations, customers, programs, projects, queues,
// users) and the work orders, which grow with the scale; batches and cycles are in production-batches.ts.
import { createdAt, day, hash, lit, pick, run, type Sql } from "./sql.ts";

export const LOCATIONS = 3;
export const CUSTOMERS = 3;
export const PROGRAMS_PER_CUSTOMER = 2;
export const PROJECTS_PER_PROGRAM = 2;
export const QUEUES = 5;
export const USERS = 20;
export const WORK_ORDERS_PER_SCALE = 10;

/** The status definitions of the source API's example customer; cycles and batches use these labels. */
export const STATUSES = [
  { category: "PENDING", status: "Pending", description: "For something that is Pending", order: 3 },
  { category: "IN_PROGRESS", status: "In Progress", description: "For something that is In Progress", order: 4 },
  { category: "VERIFYING", status: "Verifying", description: "For something that is being Verified", order: 5 },
  { category: "BLOCKED", status: "Blocked", description: "For something that is Blocked", order: 6 },
  { category: "COMPLETE", status: "Complete", description: "For something that is Complete", order: 7 },
  { category: "CANCELLED", status: "Cancelled", description: "For something that is Cancelled", order: 8 },
] as const;

const SITES = [
  ["Menands Warehouse", "431 Broadway", "Suite c", "Menands", "Albany", "NY", "12204"],
  ["Secaucus Depot", "100 Meadowlands Pkwy", "Dock 4", "Secaucus", "Hudson", "NJ", "07094"],
  ["Columbus Fulfillment", "2800 Creekside Pkwy", "Building B", "Lockbourne", "Franklin", "OH", "43137"],
] as const;

function locations(): string {
  const rows = SITES.slice(0, LOCATIONS).map(([label, street, premise, locality, county, state, zip], i) => {
    const formatted = `${label}\n${street} ${premise}\n${locality} ${state} ${zip} USA`;
    const address = JSON.stringify({
      country: "USA",
      administrative_area: state,
      sub_administrative_area: county,
      locality,
      postal_code: zip,
      thoroughfare: street,
      premise,
    });
    const created = day(`${i} - 400`);
    return `(${i + 1}, ${lit(label)}, 'warehouse', ${lit(formatted)}, ${lit(address)}::jsonb, ${created}, ${created})`;
  });
  return `INSERT INTO location (id, label, location_type, formatted_address, address, created_at, updated_at)
    VALUES ${rows.join(",\n")}`;
}

/** Customers carry all six statuses; programs narrow them for some, projects inherit (empty list). */
function organisation(): string[] {
  const statuses = lit(JSON.stringify(STATUSES));
  const narrowed = lit(JSON.stringify(STATUSES.filter((s) => s.category !== "VERIFYING")));
  const programs = CUSTOMERS * PROGRAMS_PER_CUSTOMER;
  const projects = programs * PROJECTS_PER_PROGRAM;
  const since = (i: string, days: number) => day(`${i} - ${days}`);
  return [
    `INSERT INTO customer (id, label, allowed_statuses, created_at, updated_at)
      SELECT i, ${pick("(i - 1)", ["Acme Retail", "Globex Schools", "Initech Health", "Umbrella Logistics"])},
        ${statuses}::jsonb, ${since("i", 390)}, ${since("i", 390)}
      FROM generate_series(1, ${CUSTOMERS}) i`,
    `INSERT INTO program (id, label, customer_id, start_date, end_date, allowed_statuses, created_at, updated_at)
      SELECT i, ${pick("(i - 1)", ["Store Rollout", "Device Refresh", "Back to School"])} || ' ' || (2024 + i % 3),
        (i - 1) / ${PROGRAMS_PER_CUSTOMER} + 1, ${since("i", 370)}, ${since("i", -300)},
        CASE WHEN i % 3 = 0 THEN ${narrowed}::jsonb ELSE '[]'::jsonb END, ${since("i", 380)}, ${since("i", 380)}
      FROM generate_series(1, ${programs}) i`,
    `INSERT INTO project (id, label, description, program_id, customer_id, start_date, end_date, created_at, updated_at)
      SELECT i, ${pick("(i - 1)", ["New York Stores", "North East Stores", "Midwest Schools", "Clinic Tablets", "Warehouse Scanners", "Head Office"])},
        'Project ' || i || ' of program ' || p, p, (p - 1) / ${PROGRAMS_PER_CUSTOMER} + 1,
        ${since("i", 360)}, ${since("i", -250)}, ${since("i", 365)}, ${since("i", 365)}
      FROM generate_series(1, ${projects}) i, LATERAL (SELECT (i - 1) / ${PROJECTS_PER_PROGRAM} + 1 AS p) x`,
    `INSERT INTO queue (id, label, priority, is_active, location_id, created_at, updated_at)
      SELECT i, ${pick("(i - 1)", ["Fast Lane", "Standard", "Bulk", "Returns", "Overnight", "Repairs"])},
        ${pick("(i - 1)", ["a", "m", "t", "b", "z"])}, i % 5 <> 0, (i - 1) % ${LOCATIONS} + 1, ${since("i", 395)}, ${since("i", 395)}
      FROM generate_series(1, ${QUEUES}) i`,
    `INSERT INTO app_user (id, name, email, created_at, updated_at)
      SELECT i, f || ' ' || l, regexp_replace(lower(f || '.' || l), '[^a-z.]', '', 'g') || i || '@example.com', ${since("i", 420)}, ${since("i", 420)}
      FROM generate_series(1, ${USERS}) i,
        LATERAL (SELECT ${pick(hash("i", 1), ["Daniel", "Samantha", "Teal'c", "Jonathan", "Elizabeth", "Rodney", "Ronon", "Cameron", "Vala", "Janet"])} AS f,
                        ${pick(hash("i", 2), ["Jackson", "Carter", "O'Neill", "Weir", "McKay", "Dex", "Mitchell", "Mal Doran", "Fraiser", "Landry"])} AS l) n`,
  ];
}

function workOrders(scale: number): string {
  const count = WORK_ORDERS_PER_SCALE * scale;
  const projects = CUSTOMERS * PROGRAMS_PER_CUSTOMER * PROJECTS_PER_PROGRAM;
  return `INSERT INTO work_order (id, label, description, work_order_type, workflow, begin_date, due_date,
      start_date, end_date, project_id, location_id, created_at, updated_at)
    SELECT w, 'WO-' || lpad(w::text, 6, '0'),
      ${pick(hash("w", 11), ["Provision 500 iPads for the store rollout", "Refresh classroom Chromebooks", "Image laptops for new hires", "Configure handheld scanners", "Enroll phones in device management"])},
      ${pick(hash("w", 12), ["device", "device", "device", "accessory"])},
      ${pick(hash("w", 13), ["iPad provisioning v7", "Chromebook enrollment v3", "Windows imaging v12", "Scanner setup v2"])},
      c + interval '1 day', greatest(due, c + interval '2 days'), c + interval '1 day',
      CASE WHEN ${hash("w", 15)} % 3 = 0 THEN c + (20 + ${hash("w", 16)} % 40) * interval '1 day' END,
      ${hash("w", 17)} % ${projects} + 1, ${hash("w", 18)} % ${LOCATIONS} + 1, c, c
    FROM generate_series(1, ${count}) w, LATERAL (SELECT ${createdAt("w", count, 19)} AS c, ${due("w")} AS due) t`;
}

/**
 * Due dates from two weeks before seeding to four weeks after, three days apart by work order
 * (plus up to a day), so every scale has work orders due this week and some overdue.
 */
function due(w: string): string {
  return `(${day(`(${w}) * 3 % 42 - 14`)} + ${hash(w, 14)} % 86400 * interval '1 second')`;
}

export async function seedProductionOrganisation(sql: Sql, scale: number): Promise<void> {
  await run(sql, [locations(), ...organisation(), workOrders(scale)]);
}
