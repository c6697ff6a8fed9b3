// The median of several runs, figure by figure: each req/s, p99, statement count, SQL and CPU
// time and RSS is the median of that figure over the runs (so the median "run" is not any one run).
import type { LoadFigures, PerRequest } from "./load.ts";
import type { CaseResult, ServerResult } from "./measure.ts";

function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 100) / 100;
}

/** Median of each numeric field across objects of the same shape. */
function medianOf<T extends object>(items: T[]): T {
  const first = items[0]!;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(first)) {
    out[key] = typeof value === "number" ? median(items.map((item) => (item as Record<string, number>)[key]!)) : value;
  }
  return out as T;
}

function medianCase(results: CaseResult[]): CaseResult {
  const first = results[0]!;
  const load = first.load.map((_, i) => medianOf<LoadFigures>(results.map((r) => r.load[i]!)));
  const cost: Record<string, PerRequest> = {};
  for (const key of Object.keys(first.cost)) cost[key] = medianOf(results.map((r) => r.cost[key]!));
  return { case: first.case, load, cost };
}

export function medianRun(runs: ServerResult[][]): ServerResult[] {
  if (runs.length === 1) return runs[0]!;
  return runs[0]!.map((server) => {
    const same = runs.map((run) => run.find((s) => s.name === server.name)!);
    const costOnly = server.costOnly
      ? Object.fromEntries(
          Object.keys(server.costOnly).map((key) => [key, medianOf(same.map((s) => s.costOnly![key]!))]),
        )
      : undefined;
    return {
      name: server.name,
      cases: server.cases.map((c) => medianCase(same.map((s) => s.cases.find((other) => other.case === c.case)!))),
      ...(costOnly ? { costOnly } : {}),
      rss: medianOf(same.map((s) => s.rss)),
    };
  });
}
