import type { Clock } from './clock.js';

export type WindowDecision = {
  allowed: boolean;
  /** Requests still allowed in the current window after this one. */
  remaining: number;
  /** Milliseconds until the oldest counted request leaves the window. */
  retryAfterMs: number;
};

/**
 * A true rolling window (not fixed buckets): a request is allowed when fewer than `max` accepted
 * requests happened in the last `intervalMs`. Rejected requests are not counted, so a client that
 * backs off recovers as soon as the window slides.
 */
export class RollingWindow {
  private readonly stamps: number[] = [];

  constructor(
    readonly max: number,
    readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  tryAcquire(): WindowDecision {
    const now = this.clock();
    this.evict(now);
    if (this.stamps.length >= this.max) {
      const oldest = this.stamps[0] ?? now;
      return { allowed: false, remaining: 0, retryAfterMs: Math.max(0, oldest + this.intervalMs - now) };
    }
    this.stamps.push(now);
    return { allowed: true, remaining: this.max - this.stamps.length, retryAfterMs: 0 };
  }

  used(): number {
    this.evict(this.clock());
    return this.stamps.length;
  }

  reset(): void {
    this.stamps.length = 0;
  }

  private evict(now: number): void {
    while (this.stamps.length > 0 && (this.stamps[0] ?? 0) <= now - this.intervalMs) this.stamps.shift();
  }
}

/** A fixed allowance that resets when the (UTC) day changes, like HubSpot's daily limit. */
export class DailyAllowance {
  private day = -1;
  private count = 0;

  constructor(
    readonly max: number,
    private readonly clock: Clock,
  ) {}

  tryAcquire(): { allowed: boolean; remaining: number } {
    this.roll();
    if (this.count >= this.max) return { allowed: false, remaining: 0 };
    this.count += 1;
    return { allowed: true, remaining: this.max - this.count };
  }

  remaining(): number {
    this.roll();
    return this.max - this.count;
  }

  private roll(): void {
    const today = Math.floor(this.clock() / 86_400_000);
    if (today !== this.day) {
      this.day = today;
      this.count = 0;
    }
  }
}
