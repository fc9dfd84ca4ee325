/**
 * All sandboxes at once, for `npm start`, `ledgerbridge sandbox start` and the end-to-end tests. Each speaks its
 * system's real wire protocol on loopback; pointing a connection's base URLs at it is the only difference from
 * production.
 */
import { startTwentyFourSevenOfficeSandbox, type TwentyFourSevenOfficeSandbox } from './24sevenoffice';

export interface Sandboxes {
  twentyFourSevenOffice: TwentyFourSevenOfficeSandbox;
  /** system → base URL, for printing and for the demo tenant's connections */
  urls: Record<string, string>;
  close(): Promise<void>;
}

export interface SandboxPorts {
  /** 0 = any free port */
  twentyFourSevenOffice?: number;
}

export const DEFAULT_SANDBOX_PORTS: Required<SandboxPorts> = { twentyFourSevenOffice: 7424 };

export async function startSandboxes(ports: SandboxPorts = {}): Promise<Sandboxes> {
  const twentyFourSevenOffice = await startTwentyFourSevenOfficeSandbox({ port: ports.twentyFourSevenOffice ?? 0, seed: true });
  return {
    twentyFourSevenOffice,
    urls: { '24sevenoffice': twentyFourSevenOffice.url },
    async close() {
      await twentyFourSevenOffice.close();
    },
  };
}
