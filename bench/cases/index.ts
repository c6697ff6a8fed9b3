// The suite: every case, and the selection `--cases a,b` makes of them.
import { analyticsCases } from "./analytics.ts";
import { domainCases } from "./domains.ts";
import { productionCases } from "./production.ts";
import type { BenchCase } from "./types.ts";

export const ALL_CASES: BenchCase[] = [...productionCases, ...domainCases, ...analyticsCases];

/** The cases named (all when none is); an unknown name is an error listing the known ones. */
export function selectCases(names: string | undefined): BenchCase[] {
  if (!names) return ALL_CASES;
  const wanted = names
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = wanted.filter((name) => !ALL_CASES.some((c) => c.name === name));
  if (unknown.length)
    throw new Error(`unknown case(s) ${unknown.join(", ")}; known: ${ALL_CASES.map((c) => c.name).join(", ")}`);
  return ALL_CASES.filter((c) => wanted.includes(c.name));
}
