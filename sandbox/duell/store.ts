/**
 * The sandbox's state: DUELL accounts by customer number, the clock that stamps `changedAt` (strictly increasing,
 * so a changed-since cursor taken from the last answer never misses a change), and the calls counted per
 * operation. DUELL's rules on the data live beside it (./zSeries.ts, ./masterData.ts).
 */
import { refill } from '../shared/stateFile';
import type { AccountRecord } from './model';

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field?: string) {
    super(message);
  }
}

export interface StoreState {
  accounts: Map<string, AccountRecord>;
  calls: Record<string, number>;
  lastStampMs: number;
}

export class Store {
  readonly accounts = new Map<string, AccountRecord>();
  /** Requests per operation that reached the API (a fault answering instead is not counted). */
  calls: Record<string, number> = {};
  private lastStampMs = 0;

  constructor(readonly now: () => Date) {}

  count(operation: string): void {
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }

  /** The instant of a change: now, or a millisecond after the previous change when the clock has not moved. */
  stamp(): string {
    this.lastStampMs = Math.max(this.now().getTime(), this.lastStampMs + 1);
    return new Date(this.lastStampMs).toISOString();
  }

  account(customerNumber: string): AccountRecord | undefined {
    return this.accounts.get(customerNumber);
  }

  snapshot(): StoreState {
    return { accounts: this.accounts, calls: this.calls, lastStampMs: this.lastStampMs };
  }

  restore(state: StoreState): void {
    refill(this.accounts, state.accounts);
    this.calls = state.calls;
    this.lastStampMs = state.lastStampMs;
  }
}
