import path from 'node:path';

/** The repository root, whether run from sources (tsx, jest) or elsewhere. */
export const repoRoot = path.resolve(__dirname, '..');

/** Local state of the embedded default: PGlite, the dev key, the Temporal dev server's SQLite file. */
export function dataDir(): string {
  return path.resolve(process.env.LEDGERBRIDGE_DATA_DIR ?? path.join(repoRoot, '.data'));
}

/** Project-local tools (the Temporal CLI built with Go); ignored by git. */
export const toolsDir = path.join(repoRoot, '.tools');
