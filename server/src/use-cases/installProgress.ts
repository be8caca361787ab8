import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../appContext.js';
import { hubspotConnector } from '../crm/hubspot/hubspotConnector.js';
import type { BackfillProgress } from './sync/backfill.js';

/** Where the backfill's progress is kept between pages: one cursor row, beside the kinds' own. */
const PROGRESS = 'backfill:progress';
const TICKET_TTL_MS = 24 * 60 * 60 * 1000;

const ticketKey = (ctx: Pick<AppContext, 'config' | 'store' | 'logger' | 'now'>) =>
  hubspotConnector(ctx).cipher.derive('install-progress');
const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

/**
 * The address of an install's progress page is a capability: the tenant and an expiry, signed. The
 * admin gets it on the callback page; without it nobody can watch another portal's install.
 */
export const progressTicket = (
  ctx: Pick<AppContext, 'config' | 'store' | 'logger' | 'now'>,
  tenantId: string,
) => {
  const payload = `${Buffer.from(tenantId).toString('base64url')}.${ctx.now().getTime() + TICKET_TTL_MS}`;
  return `${payload}.${mac(ticketKey(ctx), payload)}`;
};

/** The tenant a ticket is for, or undefined when it is forged, malformed or expired. */
export const readProgressTicket = (
  ctx: Pick<AppContext, 'config' | 'store' | 'logger' | 'now'>,
  ticket: string,
): string | undefined => {
  const [tenant, expires, signature] = ticket.split('.');
  if (!tenant || !expires || !signature) return undefined;
  const expected = Buffer.from(mac(ticketKey(ctx), `${tenant}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (Number(expires) < ctx.now().getTime()) return undefined;
  return Buffer.from(tenant, 'base64url').toString();
};

/** Keeps the backfill's latest progress (percent, rate, time left) for the install page. */
export const recordBackfillProgress = async (
  ctx: Pick<AppContext, 'store'>,
  tenantId: string,
  progress: BackfillProgress | { finished: true },
): Promise<void> => {
  await ctx.store.forTenant(tenantId).crmSync.saveCursor({
    name: PROGRESS,
    cursor: JSON.stringify(progress),
    records: 'done' in progress ? progress.done : 0,
    done: 'finished' in progress,
  });
};

export type InstallProgress =
  | { state: 'waiting' }
  | { state: 'reading'; progress: BackfillProgress }
  | { state: 'done'; counts: Record<string, number> };

/** What the install page says: waiting for the backfill, reading (with progress), or done. */
export const installProgress = async (
  ctx: Pick<AppContext, 'store'>,
  tenantId: string,
): Promise<InstallProgress> => {
  const sync = ctx.store.forTenant(tenantId).crmSync;
  const saved = await sync.getCursor(PROGRESS);
  if (saved.done) {
    const counts: Record<string, number> = {};
    for (const kind of ['owners', 'companies', 'contacts', 'deals'])
      counts[kind] = (await sync.getCursor(`backfill:${kind}`)).records;
    return { state: 'done', counts };
  }
  if (!saved.cursor) return { state: 'waiting' };
  return { state: 'reading', progress: JSON.parse(saved.cursor) as BackfillProgress };
};
