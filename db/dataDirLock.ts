/**
 * PGlite is PostgreSQL inside this process, writing its data directory with no server in between: a second
 * process (or a second PGlite in this one) opening the same directory corrupts it, and PGlite itself does not
 * check. This lock file next to the directory (`<dataDir>.lock`, holding the owner's pid) turns that into a
 * clear error. Processes that must share one database (a worker and a CLI, several workers) use PostgreSQL.
 */
import fs from 'node:fs';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return { release: () => releaseIfOurs(file) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = Number.parseInt(readOrEmpty(file), 10);
    if (owner === process.pid) {
      throw new Error(
        `the PGlite data dir ${dataDir} is already open in this process: open the database once and share it`,
      );
    }
    if (Number.isInteger(owner) && isAlive(owner)) {
      throw new Error(
        `the PGlite data dir ${dataDir} is in use by process ${owner}: PGlite can be opened by one process only. ` +
          'Stop that process (a ledgerbridge start or worker?), or set DATABASE_URL to a PostgreSQL database ' +
          `that every process can share. If no such process exists, delete ${file}.`,
      );
    }
    fs.rmSync(file, { force: true }); // left behind by a process that died: take it over
  }
  throw new Error(`could not lock the PGlite data dir ${dataDir}: another process keeps taking ${file}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, but belongs to another user
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function releaseIfOurs(file: string): void {
  if (Number.parseInt(readOrEmpty(file), 10) === process.pid) fs.rmSync(file, { force: true });
}
