// WAL positions (PostgreSQL's pg_lsn, written "16/B374D848"): how far a server's log reaches.
// A commit is visible on a replica once pg_last_wal_replay_lsn() there has reached the
// position the primary's log had after that commit.

/** A WAL position as a number, for comparing; undefined for anything that is not one. */
export type WalPosition = bigint;

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

export function parseWalPosition(text: string | null | undefined): WalPosition | undefined {
  const match = text ? LSN.exec(text.trim()) : null;
  return match ? (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`) : undefined;
}

export function formatWalPosition(position: WalPosition): string {
  const high = (position >> 32n).toString(16).toUpperCase();
  const low = (position & 0xffffffffn).toString(16).toUpperCase();
  return `${high}/${low}`;
}

/** The later of two positions (either may be unknown). */
export function laterOf(a: WalPosition | undefined, b: WalPosition | undefined): WalPosition | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}
