// The embedded database (PGlite) is one process's: two processes writing one data directory
// corrupt it. The first to open DATA_DIR writes its pid to DATA_DIR/gateway.lock; another
// process finding a live owner there refuses to open it. A lock whose owner has died (a
// crash, kill -9) is taken over. PGlite itself takes no lock, hence this file.
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // alive, owned by another user
  }
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Locks `dataDir` for this process; returns the release. Throws DataDirLockedError when a live process holds it. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "gateway.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(file);
      if (owner === process.pid) break; // this process opened it already
      if (owner !== undefined && isAlive(owner)) {
        throw new DataDirLockedError(
          `${dataDir} is in use by another process (pid ${owner}, ${file}); stop it or use another DATA_DIR`,
        );
      }
      unlinkSync(file); // the owner died without releasing it: take it over
    }
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off("exit", release);
    if (ownerOf(file) === process.pid) unlinkSync(file);
  };
  process.on("exit", release); // exits without closing the database (start-up failures, process.exit)
  return release;
}
