// Provisioning settings, read and checked once (listed with the other variables in the README).
import { hostname } from "node:os";
import { TRANSACTION_MAX_WAIT_MS } from "../../data/deadline.ts";
import { ConfigError } from "../../config/env.ts";

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function duration(name: string, fallback: string, allowZero = false): number {
  const raw = process.env[name] || fallback;
  const match = /^(\d+)\s*(ms|s|m|h|d)$/.exec(raw.trim());
  const value = match ? Number(match[1]) * UNITS[match[2]!]! : Number.NaN;
  if (!Number.isFinite(value) || (value === 0 && !allowZero)) {
    throw new ConfigError(
      `${name} must be a ${allowZero ? "" : "positive "}duration like 60d, 30s or 500ms, got "${raw}"`,
    );
  }
  return value;
}

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  const value = raw ? Number(raw) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${name} must be an integer ≥ 1, got "${raw}"`);
  return value;
}

export const provisioningConfig = {
  /** Batches (and their events) older than this are removed by the retention job. */
  retentionMs: duration("PROVISIONING_RETENTION", "60d"),
  /** How long a worker holds a claimed request; after that another worker may take it over. */
  leaseMs: duration("PROVISIONING_LEASE", "30s"),
  /** How often the executor looks for approved requests. */
  pollIntervalMs: duration("PROVISIONING_POLL_INTERVAL", "1s"),
  /** Requests one executor pass claims at most. */
  claimLimit: count("PROVISIONING_CLAIM_LIMIT", 20),
  /** Requests one executor runs at the same time (SINGLE batches run in parallel). */
  concurrency: count("PROVISIONING_CONCURRENCY", 4),
  /** Simulated time the provisioning system takes to execute an order. */
  orderLatencyMs: duration("PROVISIONING_ORDER_LATENCY", "0ms", true),
  /** Names this process in request leases. */
  workerId: process.env.WORKER_ID || `${hostname()}:${process.pid}`,
};

/**
 * Interactive transactions run longer than Prisma's 5 s default under load, and wait for a
 * connection within the deadline.
 */
export const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: TRANSACTION_MAX_WAIT_MS };
