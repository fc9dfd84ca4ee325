/**
 * All sandboxes at once, for `npm start`, `ledgerbridge sandbox start` and the end-to-end tests. Each speaks its
 * system's real wire protocol on loopback; pointing a connection's base URLs at it is the only difference from
 * production.
 */
import { startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from './24sevenoffice';
import { startTelarisSandbox, type TelarisSandbox } from './telaris';

export interface Sandboxes {
  twentyFourSevenOffice: TwentyFourSevenOfficeSandbox;
  telaris: TelarisSandbox;
  /** system → base URL, for printing and for the demo tenant's connections */
  urls: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxPorts {
  /** 0 = any free port */
  twentyFourSevenOffice?: number;
  telaris?: number;
}

export const DEFAULT_SANDBOX_PORTS: Required<SandboxPorts> = { twentyFourSevenOffice: 7424, telaris: 7425 };

export async function startSandboxes(ports: SandboxPorts = {}): Promise<Sandboxes> {
  const twentyFourSevenOffice = await startTwentyFourSevenOfficeSandbox({ port: ports.twentyFourSevenOffice ?? 0, seed: true });
  const telaris = await startTelarisSandbox({ port: ports.telaris ?? 0, seed: true }).catch(async (err: unknown) => {
    await twentyFourSevenOffice.close(); // do not leave one listening when the other cannot start
    throw err;
  });
  return {
    twentyFourSevenOffice,
    telaris,
    urls: { '24sevenoffice': twentyFourSevenOffice.url, telaris: telaris.url },
    async close() {
      await Promise.all([twentyFourSevenOffice.close(), telaris.close()]);
    },
  };
}
