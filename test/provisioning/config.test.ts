// Provisioning settings are read once at start-up; a bad value is a one-line ConfigError.
import { afterEach, describe, expect, test, vi } from "vitest";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

async function load(env: Record<string, string>) {
  process.env = { ...saved, ...env };
  vi.resetModules();
  return (await import("../../src/domains/provisioning/config.ts")).provisioningConfig;
}

describe("provisioning configuration", () => {
  test("retention defaults to 60 days; durations take ms, s, m, h and d", async () => {
    expect((await load({})).retentionMs).toBe(60 * 86_400_000);
    const config = await load({
      PROVISIONING_RETENTION: "12h",
      PROVISIONING_LEASE: "1500ms",
      PROVISIONING_CLAIM_LIMIT: "5",
    });
    expect(config).toMatchObject({ retentionMs: 12 * 3_600_000, leaseMs: 1500, claimLimit: 5 });
  });

  test("a malformed value names the variable", async () => {
    await expect(load({ PROVISIONING_RETENTION: "sixty days" })).rejects.toThrow(
      /PROVISIONING_RETENTION must be a positive duration/,
    );
    await expect(load({ PROVISIONING_LEASE: "0s" })).rejects.toThrow(/PROVISIONING_LEASE/);
    await expect(load({ PROVISIONING_CONCURRENCY: "0" })).rejects.toThrow(
      /PROVISIONING_CONCURRENCY must be an integer ≥ 1/,
    );
  });
});
