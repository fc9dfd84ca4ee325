/**
 * All sandboxes at once, for `npm start`, `ledgerbridge sandbox start` and the end-to-end tests. Each speaks its
 * system's real wire protocol on loopback; pointing a connection's base URLs at it is the only difference from
 * production.
 */
import path from 'node:path';
import { startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from './24sevenoffice';
import { startCostTrackerSandbox, type CostTrackerSandbox } from './costtracker';
import { startDuellSandbox, type DuellSandbox } from './duell';
import { startSeveraSandbox, type SeveraSandbox } from './severa';
import { startTalenomSandbox, type TalenomSandbox } from './talenom';
import { startTelarisSandbox, type TelarisSandbox } from './telaris';

export interface Sandboxes {
  twentyFourSevenOffice: TwentyFourSevenOfficeSandbox;
  telaris: TelarisSandbox;
  severa: SeveraSandbox;
  talenom: TalenomSandbox;
  costTracker: CostTrackerSandbox;
  duell: DuellSandbox;
  /** system → base URL, for printing and for the demo tenant's connections */
  urls: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxPorts {
  /** 0 = any free port */
  twentyFourSevenOffice?: number;
  telaris?: number;
  severa?: number;
  talenom?: number;
  costTracker?: number;
  duell?: number;
}

export const DEFAULT_SANDBOX_PORTS: Required<SandboxPorts> = { twentyFourSevenOffice: 7424, telaris: 7425, severa: 7426, talenom: 7427, costTracker: 7428, duell: 7429 };

/**
 * `stateDir`: keep each sandbox's state in `<stateDir>/<system>.json` across restarts, as the real systems keep
 * theirs (`npm start` and `ledgerbridge sandbox start` use `.data/sandbox`); without it they start from the seed.
 */
export async function startSandboxes(ports: SandboxPorts = {}, options: { stateDir?: string } = {}): Promise<Sandboxes> {
  const stateFile = (system: string) => (options.stateDir ? path.join(options.stateDir, `${system}.json`) : undefined);
  const started: { close(): Promise<void> }[] = [];
  // Started one by one: when one cannot start, those already listening are closed again.
  const start = async <S extends { close(): Promise<void> }>(run: () => Promise<S>): Promise<S> => {
    try {
      const sandbox = await run();
      started.push(sandbox);
      return sandbox;
    } catch (err) {
      await Promise.all(started.map((s) => s.close()));
      throw err;
    }
  };
  const twentyFourSevenOffice = await start(() => startTwentyFourSevenOfficeSandbox({ port: ports.twentyFourSevenOffice ?? 0, seed: true, stateFile: stateFile('24sevenoffice') }));
  const telaris = await start(() => startTelarisSandbox({ port: ports.telaris ?? 0, seed: true, stateFile: stateFile('telaris') }));
  const severa = await start(() => startSeveraSandbox({ port: ports.severa ?? 0, seed: true, stateFile: stateFile('severa') }));
  const talenom = await start(() => startTalenomSandbox({ port: ports.talenom ?? 0, seed: true, stateFile: stateFile('talenom') }));
  const costTracker = await start(() => startCostTrackerSandbox({ port: ports.costTracker ?? 0, seed: true, stateFile: stateFile('costtracker') }));
  const duell = await start(() => startDuellSandbox({ port: ports.duell ?? 0, seed: true, stateFile: stateFile('duell') }));
  return {
    twentyFourSevenOffice,
    telaris,
    severa,
    talenom,
    costTracker,
    duell,
    urls: { '24sevenoffice': twentyFourSevenOffice.url, telaris: telaris.url, severa: severa.url, talenom: talenom.url, costtracker: costTracker.url, duell: duell.url },
    async close() {
      await Promise.all(started.map((s) => s.close()));
    },
  };
}
