import { DomainError } from '@entente/shared/errors';
import type { AppContext } from '../../appContext.js';
import { DEFAULT_FIELD_MAPPING, resolveFieldMapping } from '../../crm/hubspot/fieldMapping.js';
import { publishSimulatedPolicy, simulatePolicyForPublish } from '../publishPolicy.js';
import { type CardCaller, requireAdmin, viewerOf } from './cardRequest.js';
import { modelLabel } from './cardViews.js';
import { diffLines } from './diffLines.js';

const RENEWALS: Record<string, string> = {
  inherit_unless_new_touches: 'Renewals inherit the original split unless partners worked on the renewal',
  inherit: 'Renewals always inherit the original split',
  fresh: 'Renewals are attributed afresh',
};

/** The admin settings page: policy (current, history), field mapping, attribution model. */
export const getSettingsCard = async (ctx: AppContext, caller: CardCaller) => {
  requireAdmin(caller);
  const now = ctx.now();
  const current = await caller.scoped.policies.current(now);
  const [history, crm, attribution] = await Promise.all([
    caller.scoped.policies.history(),
    caller.scoped.crmSync.settings(),
    caller.scoped.attribution.settings.current(),
  ]);
  const mapping = resolveFieldMapping(crm.fieldMapping);
  return {
    generatedAt: now.toISOString(),
    viewer: viewerOf(caller.user),
    policy: {
      current: {
        version: current.version,
        name: current.policy.name,
        publishedAt: current.publishedAt,
        publishedBy: current.publishedBy,
        source: current.source,
        ruleIds: current.policy.rules.map((r) => r.id),
      },
      history: history.map((row) => ({
        version: Number(row.version),
        name: row.name ?? `Version ${row.version}`,
        publishedAt: new Date(row.published_at).toISOString(),
        publishedBy: row.published_by,
      })),
    },
    fieldMapping: (Object.keys(DEFAULT_FIELD_MAPPING) as (keyof typeof DEFAULT_FIELD_MAPPING)[]).flatMap(
      (object) =>
        Object.entries(mapping[object]).map(([field, property]) => ({
          object,
          field,
          property,
          customised: (DEFAULT_FIELD_MAPPING[object] as Record<string, string>)[field] !== property,
        })),
    ),
    attribution: {
      version: attribution.version,
      model: attribution.model.name,
      modelLabel: modelLabel(attribution.model),
      publishedAt: attribution.publishedAt,
      renewal: RENEWALS[attribution.renewalPolicy.mode] ?? attribution.renewalPolicy.mode,
      disputeWindowDays: attribution.disputePolicy.resolutionDays,
    },
  };
};

export const getPolicyDiff = async (ctx: AppContext, caller: CardCaller, from: number, to: number) => {
  requireAdmin(caller);
  const [a, b] = await Promise.all([caller.scoped.policies.get(from), caller.scoped.policies.get(to)]);
  if (!a || !b) throw new DomainError('REQUEST.NOT_FOUND', `Policy version ${!a ? from : to} does not exist`);
  const lines = diffLines(a.source, b.source);
  return {
    from,
    to,
    lines,
    added: lines.filter((l) => l.op === 'added').length,
    removed: lines.filter((l) => l.op === 'removed').length,
  };
};

/** What a candidate policy would have changed on history; nothing is written. */
export const simulatePolicyFromCard = async (ctx: AppContext, caller: CardCaller, source: string) => {
  const user = requireAdmin(caller);
  const { report: result, simulationId } = await simulatePolicyForPublish(ctx, {
    tenantId: caller.tenantId,
    userId: user.id,
    source,
  });
  const sum = (key: 'approvalsGained' | 'approvalsLost' | 'reviewsAdded') =>
    result.partners.reduce((n, p) => n + p[key], 0);
  return {
    policyName: result.policyName,
    evaluated: result.evaluated,
    flipped: result.flipped.length,
    protectionChanged: result.protectionChanged.length,
    approvalsGained: sum('approvalsGained'),
    approvalsLost: sum('approvalsLost'),
    reviewsAdded: sum('reviewsAdded'),
    examples: result.flipped
      .slice(0, 5)
      .map(
        (f) =>
          `${f.registrationId} (${f.partnerId}): ${f.from} → ${f.to}${f.firedRules[0] ? `, ${f.firedRules[0].ruleId}` : ''}`,
      ),
    simulationId,
  };
};

/** Publishing needs the server's record of a simulation of this exact text: nobody publishes blind. */
export const publishPolicyFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  input: { source: string; simulationId: string },
) => {
  const user = requireAdmin(caller);
  const published = await publishSimulatedPolicy(ctx, {
    tenantId: caller.tenantId,
    userId: user.id,
    source: input.source,
    simulationId: input.simulationId,
  });
  return { version: published.version, publishedAt: published.publishedAt };
};
