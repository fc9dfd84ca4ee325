/** Long-running commands: the embedded stack, a standalone worker, the sandboxes on their own. */
import type { Command } from '../command';
import { EXIT } from '../output';
import { runEmbeddedStack, sandboxStateDir } from '../../../worker/embeddedStack';
import { runWorker } from '../../../worker/main';
import { startSandboxes, DEFAULT_SANDBOX_PORTS } from '../../../sandbox';
import { flag } from '../args';

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });

export const start: Command = {
  name: 'start',
  summary: 'Run the whole stack locally: Temporal dev server + UI, PGlite, sandboxes, demo tenant, worker',
  usage: 'start',
  examples: ['npm start', 'TEMPORAL_ADDRESS=temporal.internal:7233 DATABASE_URL=postgres://… ledgerbridge start'],
  longRunning: true,
  async run(_args, ctx) {
    await runEmbeddedStack({ say: (l) => ctx.out.note(l), untilStopped: untilSignal() });
    return EXIT.ok;
  },
};

export const worker: Command = {
  name: 'worker',
  summary: 'Run a worker against TEMPORAL_ADDRESS and DATABASE_URL (or a running `npm start`)',
  usage: 'worker',
  examples: ['TEMPORAL_ADDRESS=127.0.0.1:7233 DATABASE_URL=postgres://postgres@127.0.0.1:5432/ledgerbridge ledgerbridge worker'],
  longRunning: true,
  async run(_args, ctx) {
    await runWorker((l) => ctx.out.note(l));
    return EXIT.ok;
  },
};

export const sandboxStart: Command = {
  name: 'sandbox start',
  summary: 'Run the sandboxes (24SevenOffice, Telaris, Severa, Talenom, CostTracker, DUELL) on their own, on loopback',
  usage: 'sandbox start [--port-24so N] [--port-telaris N] [--port-severa N] [--port-talenom N] [--port-costtracker N] [--port-duell N]\n\nTheir state is kept in .data/sandbox (LEDGERBRIDGE_DATA_DIR) across restarts; delete that folder to start from the seed.\n\n' +
    'Each is steered through its JSON admin API under /admin (README: "The sandboxes\' admin API"): faults (POST /admin/faults\n' +
    '{"operation":"SaveBundleList","kind":"lostResponse"}), generated Telaris documents, posting 24SevenOffice\'s journal, Z-reports.',
  examples: ['ledgerbridge sandbox start', 'ledgerbridge sandbox start & curl -X POST http://127.0.0.1:7425/admin/companies/1001/documents/generate -d \'{"count":25}\'   # documents for a batch', 'ledgerbridge sandbox start --port-24so 0 --port-telaris 0 --port-severa 0 --port-talenom 0 --port-costtracker 0 --port-duell 0   # any free ports'],
  longRunning: true,
  async run(args, ctx) {
    const sandboxes = await startSandboxes({
      twentyFourSevenOffice: Number(flag(args, 'port-24so') ?? DEFAULT_SANDBOX_PORTS.twentyFourSevenOffice),
      telaris: Number(flag(args, 'port-telaris') ?? DEFAULT_SANDBOX_PORTS.telaris),
      severa: Number(flag(args, 'port-severa') ?? DEFAULT_SANDBOX_PORTS.severa),
      talenom: Number(flag(args, 'port-talenom') ?? DEFAULT_SANDBOX_PORTS.talenom),
      costTracker: Number(flag(args, 'port-costtracker') ?? DEFAULT_SANDBOX_PORTS.costTracker),
      duell: Number(flag(args, 'port-duell') ?? DEFAULT_SANDBOX_PORTS.duell),
    }, { stateDir: sandboxStateDir() });
    for (const [system, url] of Object.entries(sandboxes.urls)) {
      ctx.out.note(`sandbox ${system}: ${url}  (admin API: ${url}/admin/state)`);
    }
    ctx.out.note(`state kept in ${sandboxStateDir()}; Ctrl-C stops them.`);
    await untilSignal();
    await sandboxes.close();
    return EXIT.ok;
  },
};
