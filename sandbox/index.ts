/**
 * All sandboxes at once, for `npm start`, `ledgerbridge sandbox start` and the end-to-end tests. Each speaks its
 * system's real wire protocol on loopback; pointing a connection's base URLs at it is the only difference from
 * production.
 */
import path from 'node:path';
import { startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from './24sevenoffice';
import { startSeveraSandbox, type SeveraSandbox } from './severa';
import { startTelarisSandbox, type TelarisSandbox } from './telaris';

export interface Sandboxes {
  twentyFourSevenOffice: TwentyFourSevenOfficeSandbox;
  telaris: TelarisSandbox;
  severa: SeveraSandbox;
  /** system → base URL, for printing and for the demo tenant's connections */
  urls: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxPorts {
  /** 0 = any free port */
  twentyFourSevenOffice?: number;
  telaris?: number;
  severa?: number;
}

export const DEFAULT_SANDBOX_PORTS: Required<SandboxPorts> = { twentyFourSevenOffice: 7424, telaris: 7425, severa: 7426 };

/**
 * `stateDir`: keep each sandbox's state in `<stateDir>/<system>.json` across restarts, as the real systems keep
 * theirs (`npm start` and `ledgerbridge sandbox start` use `.data/sandbox`); without it they start from the seed.
 */
export async function startSandboxes(ports: SandboxPorts = {}, options: { stateDir?: string } = {}): Promise<Sandboxes> {
  const stateFile = (system: string) => (options.stateDir ? path.join(options.stateDir, `${system}.json`) : undefined);
  const twentyFourSevenOffice = await startTwentyFourSevenOfficeSandbox({ port: ports.twentyFourSevenOffice ?? 0, seed: true, stateFile: stateFile('24sevenoffice') });
  const telaris = await startTelarisSandbox({ port: ports.telaris ?? 0, seed: true, stateFile: stateFile('telaris') }).catch(async (err: unknown) => {
    await twentyFourSevenOffice.close(); // do not leave one listening when the other cannot start
    throw err;
  });
  const severa = await startSeveraSandbox({ port: ports.severa ?? 0, seed: true, stateFile: stateFile('severa') }).catch(async (err: unknown) => {
    await Promise.all([twentyFourSevenOffice.close(), telaris.close()]);
    throw err;
  });
  return {
    twentyFourSevenOffice,
    telaris,
    severa,
    urls: { '24sevenoffice': twentyFourSevenOffice.url, telaris: telaris.url, severa: severa.url },
    async close() {
      await Promise.all([twentyFourSevenOffice.close(), telaris.close(), severa.close()]);
    },
  };
}
