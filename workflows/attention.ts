/**
 * Needs attention, the one piece of workflow code every flow uses when a step needs a person: the workflow shows
 * Stage `needs-attention` and NeedsAttention = true, says what is wrong and the exact command that fixes it, and
 * waits for `retry` (after the fix) or `cancel`, from the UI's signal dialog or the CLI's update, judged by one
 * validation. Steps running side by side (chunks in flight) may each need a person; the flow's own phase is kept
 * apart from "someone needs a person", so a lane that starts while another waits never takes needs-attention for
 * the stage to come back to.
 *
 *   const attention = new Attention({ … });
 *   const staged = await attention.attended(() => act.stageBatch(ref));
 */
import {
  ActivityFailure, ApplicationFailure, condition, defineQuery, defineSignal, defineUpdate, isCancellation, log, setCurrentDetails,
  setHandler, upsertSearchAttributes,
} from '@temporalio/workflow';
import { escapeMarkdown } from './markdown';
import { NeedsAttentionKey, StageKey } from './searchAttributes';

/** What an operator may add to a retry: what they saw in the target after a lost answer. */
export interface RetryRequest {
  resolution?: 'in-target' | 'resend';
}

export interface AttentionView {
  stage: string;
  attention?: string;
  refusals: string[];
  /** The exact command a person types next, when one is waited for. */
  nextAction?: string;
}

// The UI's dialog may send no input at all: the handlers take a missing argument as an empty one.
export const retry = defineSignal<[RetryRequest]>('retry');
export const cancel = defineSignal<[string]>('cancel');
/** Answers with the flow's own view (a batch answers with its BatchView). */
export const retryUpdate = defineUpdate<AttentionView, [RetryRequest]>('retry');
export const cancelUpdate = defineUpdate<AttentionView, [string]>('cancel');
/** Every flow's view under one name, so a tool over all flows (`ledgerbridge workflows list`) asks each alike. */
export const attentionQuery = defineQuery<AttentionView>('attention');

export interface AttentionOptions {
  /** What the flow is about, for messages: "batch 2026-11 #3". */
  subject: string;
  /** Where the workflow logs and its record say which tenant and document. */
  logContext: Record<string, unknown>;
  /** The exact commands a person types. */
  commands: { retry: string; cancel: string };
  /** Records the stage where operators look (the flow's table); failures are the caller's to retry. */
  record(stage: string, attention: string | undefined): Promise<void>;
  /** The flow's current details (Markdown), redrawn after every change. */
  details(): string;
  /** Why cancelling is not possible now, or undefined when it is. */
  cancelRefusal?(): string | undefined;
}

/** The failure type of a flow an operator cancelled with `cancel` (a failure: the flow may be run again). */
export const CANCELLED = 'Cancelled';

/** Was this the operator's `cancel`? Its reason is the failure's first detail. */
export function cancelledReason(err: unknown): string | undefined {
  return err instanceof ApplicationFailure && err.type === CANCELLED ? String(err.details?.[0] ?? err.message) : undefined;
}

export class Attention {
  /** The flow's own stage (preflight, sending …), shown whenever nobody is needed. */
  phase = 'starting';
  /** Steps now waiting for a person, and why. */
  private readonly waiting = new Map<number, string>();
  /** Steps whose need of a person is being recorded: shown live once the record says so too. */
  private readonly recording = new Map<number, string>();
  private nextWaiter = 0;
  /** Counts retries, so each waiting step wakes once for the retry that came after it started waiting. */
  private retries = 0;
  private lastRetry: RetryRequest = {};
  cancelRequested?: string;
  readonly refusals: string[] = [];

  constructor(private readonly o: AttentionOptions & { view?(): AttentionView }) {}

  get stage(): string {
    return this.waiting.size > 0 ? 'needs-attention' : this.phase;
  }

  get reason(): string | undefined {
    return reasonOf([...this.waiting.values()]);
  }

  view(): AttentionView {
    return this.o.view?.() ?? { stage: this.stage, attention: this.reason, refusals: [...this.refusals], nextAction: this.nextAction() };
  }

  /** Registers retry and cancel (the UI's signals and the CLI's updates, one validation for both) and the view. */
  registerHandlers(): void {
    setHandler(attentionQuery, () => this.view());
    decision(this, retry, retryUpdate, 'retry', () => this.assertRetryable(), (r?: RetryRequest) => this.retry(r));
    decision(this, cancel, cancelUpdate, 'cancel', () => this.assertCancellable(), (reason?: string) => this.cancel(reason));
  }

  assertRetryable(): void {
    if (this.waiting.size + this.recording.size === 0) throw new Error(`${this.o.subject} does not need attention (stage ${this.stage}); nothing to retry`);
  }

  assertCancellable(): void {
    const refusal = this.waiting.size + this.recording.size > 0 ? undefined : this.o.cancelRefusal?.();
    if (refusal) throw new Error(refusal);
  }

  retry(request?: RetryRequest): AttentionView {
    this.retries++;
    this.lastRetry = request ?? {};
    return this.view();
  }

  cancel(reason?: string): AttentionView {
    this.cancelRequested = reason?.trim() || 'cancelled by an operator';
    return this.view();
  }

  /** A signal the validation refused: kept for the details and the log, since a signal cannot answer. */
  refuse(what: string, err: unknown): void {
    const message = `${what} refused: ${(err as Error).message}`;
    this.refusals.push(message);
    if (this.refusals.length > 10) this.refusals.shift();
    log.warn(message, this.o.logContext);
    setCurrentDetails(this.o.details());
  }

  /** Enters a phase of the flow: the stage, the search attributes, the details and the flow's record (with a note, e.g. why it was rejected). */
  async enter(phase: string, note?: string): Promise<void> {
    this.phase = phase;
    this.show();
    await this.attended(() => this.o.record(this.stage, note ?? this.reason));
  }

  /** Runs a step; when it needs a person, waits for retry (then runs it again, with what the person said) or cancel. */
  async attended<T>(step: (request: RetryRequest) => Promise<T>): Promise<T> {
    let request: RetryRequest = {};
    for (;;) {
      this.throwIfCancelled();
      try {
        return await step(request);
      } catch (err) {
        const reason = needsPerson(err);
        if (reason === undefined) throw err;
        request = await this.needsPerson(reason);
      }
    }
  }

  /** Shows why a person is needed and waits for their retry; on cancel throws the Cancelled failure. */
  async needsPerson(reason: string): Promise<RetryRequest> {
    const id = this.nextWaiter++;
    const seen = this.retries;
    log.warn(`${this.o.subject} needs attention`, { ...this.o.logContext, reason });
    // The search attributes first (as earlier releases did), then the flow's record, then the live view: whoever
    // sees "needs attention" in a query or `batch show` finds it recorded too. Recording is best effort: the
    // database may be what is down, and the UI shows the stage anyway.
    this.recording.set(id, reason);
    upsertSearchAttributes([{ key: StageKey, value: 'needs-attention' }, { key: NeedsAttentionKey, value: true }]);
    await this.o.record('needs-attention', reasonOf([...this.waiting.values(), ...this.recording.values()]))
      .catch((err: unknown) => log.warn('could not record needs-attention', { ...this.o.logContext, error: String(err) }));
    this.recording.delete(id);
    this.waiting.set(id, reason);
    setCurrentDetails(this.o.details());
    try {
      await condition(() => this.retries > seen || this.cancelRequested !== undefined);
    } finally {
      this.waiting.delete(id);
    }
    this.throwIfCancelled();
    this.show();
    await this.o.record(this.stage, this.reason).catch((err: unknown) => log.warn('could not record the retry', { ...this.o.logContext, error: String(err) }));
    return this.lastRetry;
  }

  throwIfCancelled(): void {
    if (this.cancelRequested === undefined) return;
    throw ApplicationFailure.create({ type: CANCELLED, nonRetryable: true, message: `${this.o.subject} cancelled: ${this.cancelRequested}`, details: [this.cancelRequested] });
  }

  /** Ends in a phase (cancelled, rejected …) without recording it: the caller records how it ended. */
  end(phase: string): void {
    this.phase = phase;
    this.waiting.clear();
    this.show();
  }

  private show(): void {
    upsertSearchAttributes([{ key: StageKey, value: this.stage }, { key: NeedsAttentionKey, value: this.waiting.size > 0 }]);
    setCurrentDetails(this.o.details());
  }

  /**
   * The needs-attention part of a flow's current details (Markdown), empty when nobody is needed: the reason as
   * text and the next command as code, so `<part>=<account>` and `--source` reach the operator as they must be typed.
   */
  detailsMarkdown(): string {
    const reason = this.reason;
    return reason ? `\n**Needs attention:** ${escapeMarkdown(reason)}\n\n**Next:** \`${this.nextAction()}\`` : '';
  }

  /** The next command for a person, when one waits. */
  nextAction(): string | undefined {
    return this.waiting.size > 0 ? `fix what is listed, then: ${this.o.commands.retry}   (or: ${this.o.commands.cancel})` : undefined;
  }
}

function reasonOf(reasons: string[]): string | undefined {
  if (reasons.length <= 1) return reasons[0];
  return `${reasons.length} steps need attention; first: ${reasons[0]}`;
}

/**
 * A decision an operator sends as a signal (the UI's dialog) or an update (the CLI, which gets an answer): the
 * same validation for both; a refused signal is kept and shown, since a signal cannot answer.
 */
export function decision<A extends unknown[], R>(
  attention: Attention,
  signal: ReturnType<typeof defineSignal<A>>,
  update: ReturnType<typeof defineUpdate<R, A>>,
  what: string,
  validate: (...args: A) => void,
  apply: (...args: A) => R,
): void {
  setHandler(signal, (...args: A) => {
    try {
      validate(...args);
    } catch (err) {
      attention.refuse(what, err);
      return;
    }
    apply(...args);
  });
  setHandler(update, (...args: A) => apply(...args), { validator: (...args: A) => validate(...args) });
}

/** The reason a person must act, or undefined for failures that are not ours to hold (bugs, cancellation). */
export function needsPerson(err: unknown): string | undefined {
  if (isCancellation(err) || cancelledReason(err) !== undefined) return undefined;
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
    const cause = err.cause;
    if (cause.nonRetryable) return `${cause.type}: ${cause.message}`;
    // Retries ran out on a transient fault (a service down for long): still a person's call, not a lost flow.
    return `${cause.type ?? 'Error'} after repeated retries: ${cause.message}`;
  }
  if (err instanceof ActivityFailure) return `${err.cause?.message ?? err.message}`;
  return undefined;
}
