import { partnerOutcomeKindSchema } from '@entente/shared/partner-value';
import { z } from 'zod';
import type { EnqueueInput } from '../store/repositories/jobQueue.js';

const id = z.string().min(1);
const instant = z.iso.datetime({ offset: true });

/**
 * Every kind of durable job the service runs, with the payload it carries. Enqueueing checks the
 * payload against its schema and the runner checks it again before a handler sees it, so a job
 * written by an older version that no longer fits fails loudly instead of doing the wrong thing.
 */
export const JOB_KINDS = {
  /** Create Entente's fields (and registration object) in a newly installed CRM account. */
  'crm.provision': z.object({}),
  /** Read every record of the CRM account, resumably. */
  'crm.backfill': z.object({
    kinds: z.array(z.enum(['owners', 'companies', 'contacts', 'deals'])).optional(),
  }),
  /** Apply the tenant's stored inbound changes (webhooks, change events). */
  'crm.apply_inbound': z.object({}),
  /** Send what waits in the tenant's outbox of Entente-owned field values. */
  'crm.write_back': z.object({}),
  /** Heal what inbound changes missed, by reading records modified since the last run. */
  'crm.reconcile': z.object({}),
  /** An uninstalled account's retention ended: delete its data. */
  'crm.purge_uninstalled': z.object({ uninstalledAt: instant }),

  /** A review reached its due time undecided: escalate it. */
  'governance.review_due': z.object({ registrationId: id, dueAt: instant }),
  /** Remind the partner that protection ends soon. */
  'governance.protection_reminder': z.object({
    registrationId: id,
    protectedUntil: instant,
    daysBefore: z.number().int().positive(),
  }),
  /** The protection window ended: expire the registration. */
  'governance.protection_expiry': z.object({ registrationId: id, protectedUntil: instant }),
  /** A proposed override reached its due time unconfirmed: the automatic decision stands. */
  'governance.override_due': z.object({ registrationId: id, dueAt: instant }),
  /** Record the partner's `sourced` touchpoint on the registration's deal. */
  'governance.credit_sourcing': z.object({ registrationId: id, dealId: id }),
  /** A one-time key link reached its expiry unviewed: delete it and the sealed key it holds. */
  'governance.key_link_expiry': z.object({ keyId: id, expiresAt: instant }),

  /** Finalise a won deal's attribution. */
  'attribution.finalise': z.object({ dealId: id }),
  /** Expire a dispute still undecided at its deadline. */
  'attribution.dispute_expire': z.object({ disputeId: id }),

  /** Assess a partner's tier again, because something it is judged on changed (a deal it is credited on was won). */
  'partner_value.assess_tier': z.object({
    partnerId: id,
    cause: z.object({ kind: z.literal('deal_won'), dealId: id }),
  }),
  /**
   * Record the outcomes a deal's mapped CRM properties say happened, for the partners credited on
   * the deal, and assess their tiers.
   */
  'partner_value.crm_outcomes': z.object({
    dealId: id,
    outcomes: z
      .array(
        z.object({
          kind: partnerOutcomeKindSchema,
          occurredAt: instant.nullable(),
          evidence: z.string().min(1).max(500),
        }),
      )
      .min(1),
  }),
} as const;

export type JobKind = keyof typeof JOB_KINDS;
export type JobPayload<K extends JobKind> = z.infer<(typeof JOB_KINDS)[K]>;

/** The transaction-bound port use cases enqueue through (`tx.jobs` of the tenant store). */
export type JobsPort = { enqueue(input: Omit<EnqueueInput, 'tenantId'>): Promise<number | undefined> };

export type EnqueueOptions = {
  /** When the job is due: pass the service clock (`ctx.now()`), never the database's. */
  runAt: Date;
  /**
   * Makes the job once-only while it exists: the key is scoped to the kind and the tenant, so
   * callers name only what makes it unique (a registration and its window's end, say).
   */
  once?: string;
  maxAttempts?: number;
};

/**
 * Enqueues a job of a known kind through the store's port. Pass the transaction's store (`tx`) and
 * the job commits or rolls back with the writes that caused it: a crash between the two cannot
 * lose one and keep the other.
 */
export const enqueue = async <K extends JobKind>(
  store: { tenantId: string; jobs: JobsPort },
  kind: K,
  payload: JobPayload<K>,
  options: EnqueueOptions,
): Promise<number | undefined> =>
  store.jobs.enqueue({
    kind,
    payload: JOB_KINDS[kind].parse(payload) as Record<string, unknown>,
    runAt: options.runAt,
    dedupeKey: options.once === undefined ? undefined : `${kind}:${store.tenantId}:${options.once}`,
    maxAttempts: options.maxAttempts,
  });

export const isJobKind = (kind: string): kind is JobKind => Object.hasOwn(JOB_KINDS, kind);
