/**
 * "7200 requests per hour" (§11, FAQ). Beyond it every call is refused with "Limit exceeded by N. Request is
 * blocked. Quarantine ends at …" until the next hour. Every answer carries APILimitRemaining/APILimitReset
 * (headers seen by Rackbeat). [INFERRED] windows are clock hours (UTC); blocked calls count too.
 */
export interface RateVerdict {
  blocked: boolean;
  remaining: number;
  resetAt: Date;
  exceededBy: number;
  quarantineEnds?: Date;
}

interface Window {
  hourStartMs: number;
  count: number;
  quarantineUntilMs?: number;
}

const HOUR = 3_600_000;

export class RateLimiter {
  private windows = new Map<string, Window>();

  constructor(
    public hourlyLimit: number,
    private readonly now: () => Date,
  ) {}

  hit(key: string): RateVerdict {
    const nowMs = this.now().getTime();
    const window = this.window(key, nowMs);
    window.count += 1;
    const resetAt = new Date(window.hourStartMs + HOUR);
    const exceededBy = Math.max(0, window.count - this.hourlyLimit);
    const quarantined = window.quarantineUntilMs !== undefined && nowMs < window.quarantineUntilMs;
    const blocked = exceededBy > 0 || quarantined;
    return {
      blocked,
      remaining: Math.max(0, this.hourlyLimit - window.count),
      resetAt: quarantined ? new Date(Math.max(window.quarantineUntilMs!, resetAt.getTime())) : resetAt,
      exceededBy: blocked ? Math.max(1, exceededBy) : 0,
      quarantineEnds: blocked ? new Date(quarantined ? window.quarantineUntilMs! : resetAt.getTime()) : undefined,
    };
  }

  /** Quarantines a caller until the given time (fault injection, or an operator's ban). */
  quarantine(key: string, until: Date): void {
    this.window(key, this.now().getTime()).quarantineUntilMs = until.getTime();
  }

  endOfHour(): Date {
    const nowMs = this.now().getTime();
    return new Date(nowMs - (nowMs % HOUR) + HOUR);
  }

  reset(): void {
    this.windows.clear();
  }

  usage(): Record<string, number> {
    return Object.fromEntries([...this.windows].map(([k, w]) => [k, w.count]));
  }

  private window(key: string, nowMs: number): Window {
    const hourStartMs = nowMs - (nowMs % HOUR);
    let w = this.windows.get(key);
    if (!w || w.hourStartMs !== hourStartMs) {
      w = { hourStartMs, count: 0, quarantineUntilMs: w?.quarantineUntilMs };
      this.windows.set(key, w);
    }
    return w;
  }
}

/** The fault text of §11, with an ISO UTC end time. [INFERRED] exact time format. */
export function quarantineMessage(exceededBy: number, ends: Date): string {
  return `Limit exceeded by ${exceededBy}. Request is blocked. Quarantine ends at ${ends.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
}
