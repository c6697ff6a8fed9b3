import { defineConfig } from "prisma/config";

// Only `prisma generate` runs through the CLI here; migrations go through
// scripts/db-migrate.ts (Prisma's schema engine compiled to WebAssembly).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
