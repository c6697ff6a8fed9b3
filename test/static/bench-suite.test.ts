// The benchmark suite's own logic (bench/): what it compares across servers, how it takes the
// median of runs, and how it judges the targets — pure functions, checked without a server.
import { describe, expect, test } from "vitest";
import { ALL_CASES, selectCases } from "../../bench/cases/index.ts";
import { fingerprint, globalId, rowIdOf } from "../../bench/cases/types.ts";
import type { LoadFigures } from "../../bench/load.ts";
import type { CaseResult, ServerResult } from "../../bench/measure.ts";
import { medianRun } from "../../bench/median.ts";
import { checkTargets } from "../../bench/targets.ts";

const load = (connections: number, requestsPerSecond: number, latencyP99Ms: number): LoadFigures => ({
  connections,
  seconds: 1,
  requestsPerSecond,
  latencyP50Ms: 1,
  latencyP99Ms,
  requests: 100,
  failures: 0,
});
const cost = (statements: number) => ({ statements, sqlMs: 1, serverCpuMs: 1 });
const result = (name: string, rps: number, p99: number, statements: [number, number]): CaseResult => ({
  case: name,
  load: [load(10, rps, p99), load(50, rps, p99)],
  cost: { "5": cost(statements[0]), "50": cost(statements[1]) },
});
const server = (name: ServerResult["name"], cases: CaseResult[], rssMb = 100): ServerResult => ({
  name,
  cases,
  rss: { peakMb: rssMb, meanUnderLoadMb: rssMb, maxUnderLoadMb: rssMb },
});

describe("what the servers must agree on", () => {
  test("ids (as row ids, whatever the scheme), totalCounts and list lengths, in document order", () => {
    expect(rowIdOf(globalId("gateway", "Batch", 7))).toBe("7");
    expect(rowIdOf(globalId("postgraphile", "Batch", 7))).toBe("7");
    const gateway = {
      data: { batches: { totalCount: 2, edges: [{ node: { id: globalId("gateway", "Batch", 1), label: "a" } }] } },
    };
    const postgraphile = {
      data: {
        allBatches: { totalCount: 2, edges: [{ node: { id: globalId("postgraphile", "Batch", 1), label: "b" } }] },
      },
    };
    expect(fingerprint(gateway)).toEqual([2, 1, "1"]);
    expect(fingerprint(postgraphile)).toEqual(fingerprint(gateway));
    expect(fingerprint({ data: { batches: { totalCount: 2, edges: [] } } })).not.toEqual(fingerprint(gateway));
  });

  test("cases are selected by name, and an unknown name is refused with the known ones", () => {
    expect(selectCases("q1,letters").map((c) => c.name)).toEqual(["q1", "letters"]);
    expect(selectCases(undefined)).toHaveLength(ALL_CASES.length);
    expect(() => selectCases("q1,nope")).toThrow(/unknown case\(s\) nope; known: q1/);
    expect(new Set(ALL_CASES.map((c) => c.name)).size).toBe(ALL_CASES.length);
  });
});

test("the median of runs is taken figure by figure", () => {
  const runs = [300, 100, 200].map((rps) => [server("gateway", [result("q1", rps, rps / 10, [1, 1])], rps)]);
  const [median] = medianRun(runs);
  expect(median!.cases[0]!.load.map((l) => [l.requestsPerSecond, l.latencyP99Ms])).toEqual([
    [200, 20],
    [200, 20],
  ]);
  expect(median!.rss.maxUnderLoadMb).toBe(200);
});

describe("targets", () => {
  const reads = ALL_CASES.filter((c) => c.name === "queues" || c.name === "cycle-status");
  const judge = (gateway: ServerResult, postgraphile: ServerResult) =>
    Object.fromEntries(checkTargets([postgraphile, gateway], reads).map((t) => [`${t.case}: ${t.target}`, t.met]));

  test("a read at 1.5× with a lower p99 and fewer, equal statements meets them; a write at 1.0× too", () => {
    const met = judge(
      server("gateway", [result("queues", 150, 90, [1, 1]), result("cycle-status", 100, 50, [2, 2])]),
      server("postgraphile", [result("queues", 100, 100, [2, 2]), result("cycle-status", 100, 10, [2, 2])]),
    );
    expect(Object.values(met).length).toBeGreaterThan(6);
    expect(Object.entries(met).filter(([, ok]) => !ok)).toEqual([]);
  });

  test("slower, a higher p99, statements growing with the page, more memory: each marked not met", () => {
    const met = judge(
      server("gateway", [result("queues", 149, 101, [1, 2]), result("cycle-status", 99, 5, [1, 1])], 301),
      server("postgraphile", [result("queues", 100, 100, [1, 1]), result("cycle-status", 100, 10, [1, 1])]),
    );
    expect(met["queues: c=10: throughput ≥ 1.5× PostGraphile"]).toBe(false);
    expect(met["queues: c=50: p99 ≤ PostGraphile's"]).toBe(false);
    expect(met["queues: statements equal for pages of 5 and 50"]).toBe(false);
    expect(met["queues: statements ≤ PostGraphile's"]).toBe(false);
    expect(met["cycle-status: c=50: throughput ≥ 1× PostGraphile"]).toBe(false);
    expect(met["gateway: RSS ≤ 300 MB under load"]).toBe(false);
  });
});
