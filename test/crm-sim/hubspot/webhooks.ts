import { seededRandom, type Random } from '@entente/shared/random';
import type { Clock } from '../common/clock.js';
import { plainRequest } from '../common/http-request.js';
import { signV3 } from './signature.js';
import type { ChangeEvent, HubSpotStore } from './store.js';
import {
  payloadsFor,
  type WebhookEvent,
  type WebhookFormat,
  type WebhookSubscription,
} from './webhook-payloads.js';

export type WebhookChaos = {
  /** Share of events (0–1) delivered a second time in a later batch, with the same eventId. */
  duplicates?: number;
  /** Shuffle events across batches and send batches concurrently, newest first. */
  outOfOrder?: boolean;
  /** Share of successfully delivered batches (0–1) re-sent on the next flush with attemptNumber + 1. */
  lateRetries?: number;
};

export type WebhookSettings = {
  targetUrl?: string;
  subscriptions: WebhookSubscription[];
  format: WebhookFormat;
  /** Batch events for this long before sending; 0 sends only on `flush()`. */
  batchWindowMs: number;
  /** HubSpot treats a response slower than 5 s as a failure. */
  timeoutMs: number;
  maxAttempts: number;
  maxConcurrentRequests: number;
};

export type Delivery = {
  url: string;
  events: WebhookEvent[];
  body: string;
  headers: Record<string, string>;
  status: number | 'timeout' | 'network-error';
  ok: boolean;
};

const MAX_EVENTS_PER_REQUEST = 100;

/** Collects store changes as webhook events and POSTs them, v3-signed, in batches of up to 100. */
export class WebhookDispatcher {
  readonly deliveries: Delivery[] = [];
  private queue: WebhookEvent[] = [];
  private late: WebhookEvent[][] = [];
  private chaos: Required<WebhookChaos> = { duplicates: 0, outOfOrder: false, lateRetries: 0 };
  private random: Random;
  private nextEventId = 1;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<Delivery[]> | undefined;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: HubSpotStore,
    readonly settings: WebhookSettings,
    private readonly app: { appId: number; clientSecret: string },
    private readonly clock: Clock,
    seed: number,
  ) {
    this.random = seededRandom(seed ^ 0x5eed);
    this.unsubscribe = store.onChange((change) => this.enqueue(change));
  }

  options(chaos: WebhookChaos): void {
    this.chaos = { ...this.chaos, ...chaos };
  }

  /** Events waiting to be sent (not counting late retries). */
  pending(): readonly WebhookEvent[] {
    return [...this.queue];
  }

  /** Sends everything queued now, plus late retries held back from the previous flush. */
  async flush(): Promise<Delivery[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    while (this.inFlight) await this.inFlight;
    this.inFlight = this.sendAll();
    try {
      return await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.unsubscribe();
  }

  private enqueue(change: ChangeEvent): void {
    const portal = this.store.portals.get(change.portalId);
    if (!portal || !this.settings.targetUrl) return;
    for (const { body } of payloadsFor(
      change,
      portal,
      this.settings.subscriptions,
      this.settings.format,
      this.app.appId,
    )) {
      this.queue.push({ ...body, eventId: this.nextEventId++, attemptNumber: 0 } as WebhookEvent);
    }
    if (this.settings.batchWindowMs > 0 && !this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.settings.batchWindowMs);
      this.timer.unref();
    }
  }

  private async sendAll(): Promise<Delivery[]> {
    let events = this.queue;
    this.queue = [];
    const duplicates = events.filter(() => this.random.chance(this.chaos.duplicates));
    events = [...events, ...duplicates.map((e) => ({ ...e }))];
    if (this.chaos.outOfOrder) events = this.shuffle(events);
    const batches: WebhookEvent[][] = [];
    for (let i = 0; i < events.length; i += MAX_EVENTS_PER_REQUEST)
      batches.push(events.slice(i, i + MAX_EVENTS_PER_REQUEST));
    // Late retries arrive after the newer events they were overtaken by.
    batches.push(
      ...this.late.map((batch) => batch.map((e) => ({ ...e, attemptNumber: e.attemptNumber + 1 }))),
    );
    this.late = [];
    if (this.chaos.outOfOrder) batches.reverse();

    const results: Delivery[] = [];
    const concurrency = this.chaos.outOfOrder ? this.settings.maxConcurrentRequests : 1;
    for (let i = 0; i < batches.length; i += concurrency) {
      results.push(
        ...(await Promise.all(batches.slice(i, i + concurrency).map((batch) => this.deliver(batch)))),
      );
    }
    return results;
  }

  private async deliver(events: WebhookEvent[]): Promise<Delivery> {
    const url = this.settings.targetUrl ?? '';
    const body = JSON.stringify(events);
    const timestamp = String(this.clock());
    const headers = {
      'Content-Type': 'application/json',
      'User-Agent': 'HubSpot Connect 2.0 (http://dev.hubspot.com/)',
      'X-HubSpot-Signature-Version': 'v3',
      'X-HubSpot-Request-Timestamp': timestamp,
      'X-HubSpot-Signature-v3': signV3(this.app.clientSecret, 'POST', url, body, timestamp),
    };
    let status: Delivery['status'];
    try {
      status = (
        await plainRequest(url, { method: 'POST', headers, body, timeoutMs: this.settings.timeoutMs })
      ).status;
    } catch (error) {
      status = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
    const ok = typeof status === 'number' && status >= 200 && status < 300;
    const delivery: Delivery = { url, events, body, headers, status, ok };
    this.deliveries.push(delivery);
    if (!ok) {
      // HubSpot retries failed deliveries (up to 10 attempts); the retry goes out with the next flush.
      const retry = events
        .filter((e) => e.attemptNumber + 1 < this.settings.maxAttempts)
        .map((e) => ({ ...e, attemptNumber: e.attemptNumber + 1 }));
      this.queue.push(...retry);
      if (retry.length > 0 && this.settings.batchWindowMs > 0 && !this.timer) {
        this.timer = setTimeout(() => void this.flush(), this.settings.batchWindowMs * 5);
        this.timer.unref();
      }
    } else if (this.random.chance(this.chaos.lateRetries)) {
      this.late.push(events);
    }
    return delivery;
  }

  private shuffle<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = this.random.int(0, i);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
