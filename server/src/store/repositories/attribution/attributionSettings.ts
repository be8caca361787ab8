import {
  defaultDisputePolicy,
  defaultPartnerReportedPolicy,
  defaultRenewalPolicy,
  parseModelConfig,
  type DisputePolicy,
  type ModelConfig,
  type PartnerReportedPolicy,
  type RenewalPolicy,
} from '@entente/shared/attribution';
import { isoOrNull, json, toIso } from '../rows.js';
import type { TenantScope } from '../tenantScope.js';

/**
 * A tenant's attribution policy. Versioned: a deal finalised under version n keeps saying so after
 * version n+1 is published. Version 0 is the built-in default every tenant starts with.
 */
export type AttributionSettings = {
  version: number;
  model: ModelConfig;
  renewalPolicy: RenewalPolicy;
  disputePolicy: DisputePolicy;
  /** How much a partner's own report of a touch counts until the company confirms it. */
  partnerReported: PartnerReportedPolicy;
  publishedBy: string | null;
  publishedAt: string | null;
};

/** Position-based 40/20/40: sourcing and closing matter most, and the work in between is still seen. */
export const defaultAttributionSettings: AttributionSettings = {
  version: 0,
  model: parseModelConfig({ name: 'position_based', weights: [40, 20, 40] }),
  renewalPolicy: defaultRenewalPolicy,
  disputePolicy: defaultDisputePolicy,
  partnerReported: defaultPartnerReportedPolicy,
  publishedBy: null,
  publishedAt: null,
};

type SettingsRow = {
  version: number;
  model: ModelConfig;
  renewal_policy: RenewalPolicy;
  dispute_policy: DisputePolicy;
  /** Null for versions published before the policy existed: they had the default. */
  partner_reported?: PartnerReportedPolicy | null;
  published_by: string | null;
  published_at: Date | string;
};

export const toSettings = (row: SettingsRow): AttributionSettings => ({
  version: row.version,
  model: row.model,
  renewalPolicy: row.renewal_policy,
  disputePolicy: row.dispute_policy,
  partnerReported: row.partner_reported ?? defaultPartnerReportedPolicy,
  publishedBy: row.published_by,
  publishedAt: isoOrNull(row.published_at),
});

export const attributionSettingsRepository = ({ tenantId, db }: TenantScope) => ({
  async current(): Promise<AttributionSettings> {
    const { rows } = await db.query<SettingsRow>(
      'SELECT * FROM attribution_settings WHERE tenant_id = $1 ORDER BY version DESC LIMIT 1',
      [tenantId],
    );
    return rows[0] ? toSettings(rows[0]) : defaultAttributionSettings;
  },
  async get(version: number): Promise<AttributionSettings | undefined> {
    if (version === 0) return defaultAttributionSettings;
    const { rows } = await db.query<SettingsRow>(
      'SELECT * FROM attribution_settings WHERE tenant_id = $1 AND version = $2',
      [tenantId, version],
    );
    return rows[0] && toSettings(rows[0]);
  },
  /** Appends the next version; the primary key refuses a concurrent publish of the same number. */
  async publish(
    settings: Omit<AttributionSettings, 'version' | 'publishedAt'>,
    at: Date,
  ): Promise<AttributionSettings> {
    const { rows } = await db.query<SettingsRow>(
      `INSERT INTO attribution_settings (tenant_id, version, model, renewal_policy, dispute_policy, partner_reported, published_by, published_at)
       SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7 FROM attribution_settings WHERE tenant_id = $1
       RETURNING *`,
      [
        tenantId,
        json(settings.model),
        json(settings.renewalPolicy),
        json(settings.disputePolicy),
        json(settings.partnerReported),
        settings.publishedBy,
        toIso(at),
      ],
    );
    return toSettings(rows[0] as SettingsRow);
  },
});
export type AttributionSettingsRepository = ReturnType<typeof attributionSettingsRepository>;
