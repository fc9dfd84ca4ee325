/**
 * A tenant's matching desk (`<tenant>/matching-desk`), long-lived: where people match a transaction to a PO or say
 * it has none. The CLI sends the update `match` (and gets the answer or the refusal), the Temporal UI the signal
 * `match` with the same input; both are validated in an activity (the PO open, same supplier and currency, the
 * amount within what is left), applied as a manual result no automatic run replaces, and pushed to CostTracker at
 * once. Requests are handled one at a time, in arrival order; after a few hundred the desk continues as new.
 */
import {
  ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal, defineUpdate, log,
  proxyActivities, setCurrentDetails, setHandler, workflowInfo, type ActivityOptions,
} from '@temporalio/workflow';
import type { ManualMatchOutcome, MatchingActivities } from '../activities/matching';
import { stepsWith } from './step';

export interface ManualMatchInput {
  transaction: string;
  /** None: unmatch. */
  po?: string;
  /** Who decided, as shown beside the match in CostTracker and `matching list`. */
  by: string;
}

export interface MatchingDeskInput {
  tenant: string;
}

export interface DeskView {
  handled: number;
  /** The last refusals of signals (which cannot answer), newest last. */
  refusals: string[];
}

export const matchUpdate = defineUpdate<ManualMatchOutcome, [ManualMatchInput]>('match');
export const matchSignal = defineSignal<[ManualMatchInput]>('match');
export const deskView = defineQuery<DeskView>('desk');

export const matchingDeskId = (tenant: string) => `${tenant}/matching-desk`;

/** Requests one run of the desk handles before it continues as new, keeping its history short. */
export const REQUESTS_PER_RUN = 300;

const OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5 },
};
const act = proxyActivities<MatchingActivities>(OPTIONS);
const step = stepsWith(OPTIONS);

export async function matchingDesk(input: MatchingDeskInput): Promise<void> {
  const { tenant } = input;
  const workflowId = workflowInfo().workflowId;
  let handled = 0;
  const refusals: string[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  const showDetails = () => setCurrentDetails([
    `**Matching desk** of tenant **${tenant}** · ${handled} request(s) handled in this run`,
    ...(refusals.length > 0 ? [`**Refused:**\n${refusals.map((r) => `- ${r}`).join('\n')}`] : []),
    `Next: \`ledgerbridge matching match ${tenant} <transaction> <po> --by <your name>\`, or the signal \`match\` with {"transaction": "<line id>", "po": "<PO>", "by": "<your name>"}`,
  ].join('\n\n'));
  showDetails();

  const apply = (request: ManualMatchInput): Promise<ManualMatchOutcome> => {
    const run = tail.then(async () => {
      try {
        return await step(act.applyManualMatch, request.po ? `Match ${request.transaction} to PO ${request.po} (${request.by})` : `Unmatch ${request.transaction} (${request.by})`,
          { tenant, workflowId, ...request, at: new Date().toISOString() });
      } catch (err) {
        // The refusal's own message (tenant, transaction, PO, fix) is what the person reads, not "activity failed".
        if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw ApplicationFailure.create({ type: err.cause.type ?? undefined, message: err.cause.message, nonRetryable: true });
        throw err;
      } finally {
        handled++;
        showDetails();
      }
    });
    tail = run.catch(() => undefined);
    return run;
  };

  setHandler(matchUpdate, apply, { validator: validate });
  setHandler(matchSignal, (request) => {
    try {
      validate(request);
    } catch (err) {
      refused(request, err);
      return;
    }
    apply(request).catch((err: unknown) => refused(request, err));
  });
  setHandler(deskView, () => ({ handled, refusals: [...refusals] }));

  function refused(request: ManualMatchInput | undefined, err: unknown): void {
    const message = `match ${request?.transaction ?? '?'} refused: ${(err as Error).message}`;
    refusals.push(message);
    if (refusals.length > 10) refusals.shift();
    log.warn(message, { tenant });
    showDetails();
  }

  await condition(() => handled >= REQUESTS_PER_RUN);
  await allHandlersFinished();
  await continueAsNew<typeof matchingDesk>({ tenant });
}

function validate(request: ManualMatchInput | undefined): void {
  if (!request || typeof request.transaction !== 'string' || request.transaction.trim() === '') throw new Error('name the transaction: {"transaction": "<line id>", "po": "2026-0042", "by": "<your name>"}');
  if (typeof request.by !== 'string' || request.by.trim() === '') throw new Error(`say who decides: {"transaction": "${request.transaction}", "by": "<your name>"}`);
  if (request.po !== undefined && (typeof request.po !== 'string' || request.po.trim() === '')) throw new Error('the PO number is empty; leave "po" out to unmatch');
}
