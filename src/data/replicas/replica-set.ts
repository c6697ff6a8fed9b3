// The read replicas of DATABASE_REPLICA_URLS and which of them may serve reads now. Every
// CHECK_INTERVAL_MS the primary's WAL position is sampled and each replica is asked how far it
// has replayed: a replica that cannot be reached, is no longer in recovery or lags more than
// REPLICA_MAX_LAG leaves the rotation, and comes back once a check finds it healthy again. A
// read that needs a commit (read-your-writes) goes to a replica known to have replayed it, or
// asked once, else to the primary. Hand-written: pg-pool and Prisma know of one server only.
import type pg from "pg";
import { logger } from "../../config/logger.ts";
import { type WalPosition, formatWalPosition, parseWalPosition } from "./wal-position.ts";

export const CHECK_INTERVAL_MS = 1_000;
const REPLAY_POLL_MS = 2;
const SYSTEM = "SELECT system_identifier::text AS system FROM pg_control_system()";

export interface Replica {
  /** Where it lives, without credentials. */
  describe: string;
  pool: pg.Pool;
  /** Undefined until its first check. */
  inRotation?: boolean;
  /** How far it had replayed at its last check (or live question). */
  replayed?: WalPosition;
}

interface Sample {
  at: number;
  position: WalPosition;
}

export class ReplicaSet {
  /** Statements of reads that could use a replica, by where they ran (for /metrics and tests). */
  readonly reads = { replica: 0, primary: 0 };
  private samples: Sample[] = [];
  /** The primary's system identifier: a replica must share it (one started after the start-up check too). */
  private primarySystem?: string;
  private timer?: NodeJS.Timeout;
  private firstCheck?: Promise<void>;
  private next = 0;

  constructor(
    private readonly primary: pg.Pool,
    readonly replicas: Replica[],
    private readonly maxLagMs: number,
  ) {}

  /** The primary's WAL position now: every transaction committed before this call is at or below it. */
  async primaryPosition(): Promise<WalPosition | undefined> {
    const { rows } = await this.primary.query<{ position: string }>(
      "SELECT pg_current_wal_insert_lsn()::text AS position",
    );
    return parseWalPosition(rows[0]?.position);
  }

  /** A replica to read from that has replayed `needed` (when given), or undefined: read the primary. */
  async choose(needed?: WalPosition, waitMs = 0): Promise<Replica | undefined> {
    await this.start();
    const candidates = this.replicas.filter((replica) => replica.inRotation);
    if (candidates.length === 0) return undefined;
    const first = this.next++ % candidates.length;
    const ordered = [...candidates.slice(first), ...candidates.slice(0, first)];
    if (needed === undefined) return ordered[0];
    const caughtUp = ordered.find((replica) => replica.replayed !== undefined && replica.replayed >= needed);
    if (caughtUp) return caughtUp;
    // Known positions are up to a check old; asking the next replica usually finds it there. A
    // subscription event may wait `waitMs` for the replay (its announcement came straight from the commit).
    const asked = ordered[0]!;
    const until = Date.now() + waitMs;
    for (;;) {
      try {
        const { rows } = await asked.pool.query<{ replayed: string }>(
          "SELECT pg_last_wal_replay_lsn()::text AS replayed",
        );
        asked.replayed = parseWalPosition(rows[0]?.replayed);
      } catch (error) {
        this.takeOut(asked, `unreachable: ${(error as Error).message}`);
        return undefined;
      }
      if (asked.replayed !== undefined && asked.replayed >= needed) return asked;
      if (Date.now() >= until) return undefined;
      await new Promise((resolve) => setTimeout(resolve, REPLAY_POLL_MS));
    }
  }

  /** A replica that failed a read leaves the rotation until a check finds it healthy. */
  takeOut(replica: Replica, reason: string): void {
    const was = replica.inRotation;
    replica.inRotation = false;
    if (was !== false)
      logger.warn({ replica: replica.describe, reason }, "read replica out of rotation; its reads go to the primary");
  }

  /** Starts the checks (at the first read that may use a replica) and waits for the first. */
  start(): Promise<void> {
    if (!this.firstCheck) {
      this.firstCheck = this.check();
      this.timer = setInterval(() => void this.check(), CHECK_INTERVAL_MS).unref();
    }
    return this.firstCheck;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await Promise.all(this.replicas.map((replica) => replica.pool.end().catch(() => undefined)));
  }

  private async check(): Promise<void> {
    try {
      const position = await this.primaryPosition();
      if (position !== undefined) this.sample(position);
      this.primarySystem ??= (await this.primary.query<{ system: string }>(SYSTEM)).rows[0]?.system;
    } catch {
      // The primary is away: its own errors answer the requests; replicas are judged on what is known.
    }
    await Promise.all(this.replicas.map((replica) => this.checkReplica(replica)));
  }

  private sample(position: WalPosition) {
    const now = Date.now();
    this.samples.push({ at: now, position });
    const keepFrom = now - this.maxLagMs - 5 * CHECK_INTERVAL_MS;
    while (this.samples.length > 1 && this.samples[0]!.at < keepFrom) this.samples.shift();
  }

  /** How long ago the primary was where the replica is now: 0 when it has replayed the latest sample. */
  private lagMs(replayed: WalPosition): number {
    const ahead = this.samples.find((sample) => sample.position > replayed);
    return ahead ? Date.now() - ahead.at : 0;
  }

  private async checkReplica(replica: Replica) {
    let state: { recovery: boolean; replayed: string | null; system: string };
    try {
      const { rows } = await replica.pool.query<typeof state>(
        `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed, (${SYSTEM}) AS system`,
      );
      state = rows[0]!;
    } catch (error) {
      return this.takeOut(replica, `unreachable: ${(error as Error).message}`);
    }
    if (!state.recovery) return this.takeOut(replica, "not in recovery (promoted?)");
    if (this.primarySystem === undefined)
      return this.takeOut(replica, "the primary's system identifier is not known yet");
    if (state.system !== this.primarySystem)
      return this.takeOut(replica, `a replica of another cluster (system ${state.system})`);
    replica.replayed = parseWalPosition(state.replayed);
    const lag = replica.replayed === undefined ? Infinity : this.lagMs(replica.replayed);
    if (lag > this.maxLagMs) return this.takeOut(replica, `lagging ${lag} ms behind the primary`);
    if (!replica.inRotation) {
      replica.inRotation = true;
      const at = replica.replayed === undefined ? "?" : formatWalPosition(replica.replayed);
      logger.info({ replica: replica.describe, replayed: at }, "read replica in rotation");
    }
  }
}
