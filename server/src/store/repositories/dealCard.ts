import type { Dispute, Touchpoint } from '@entente/shared/attribution';
import type { Deal, Partner, Registration, User } from '@entente/shared/domain';
import { toSettings, type AttributionSettings } from './attribution/attributionSettings.js';
import { toStored, type StoredAttribution } from './attribution/dealAttributions.js';
import { toDispute } from './attribution/disputes.js';
import { toTouchpoint } from './attribution/touchpoints.js';
import { toDeal } from './deals.js';
import { toState, type GovernanceState } from './governanceStore.js';
import { toPartner } from './partners.js';
import { toRegistration } from './registrations.js';
import { syncHealthColumns, syncHealthOf, type SyncHealthRow } from './syncHealthColumns.js';
import type { TenantScope } from './tenantScope.js';
import { toUser } from './users.js';

/** Everything one deal card view reads, in domain shapes, as the statement returned it. */
export type DealCardRecords = {
  deal: Deal;
  /** Registrations on the deal, and claims on its account not tied to another deal (unordered). */
  registrations: Registration[];
  governance: GovernanceState[];
  partners: Partner[];
  users: User[];
  touchpoints: Touchpoint[];
  finalised: StoredAttribution | undefined;
  disputes: Dispute[];
  /** Undefined when the tenant never published attribution settings. */
  settings: AttributionSettings | undefined;
  originalDealId: string | undefined;
  sync: SyncHealthRow;
};

type RowOf<F extends (row: never) => unknown> = Parameters<F>[0];
type CardRow = SyncHealthRow & {
  deal: RowOf<typeof toDeal> | null;
  registrations: RowOf<typeof toRegistration>[];
  governance: RowOf<typeof toState>[];
  partners: RowOf<typeof toPartner>[];
  users: RowOf<typeof toUser>[];
  touchpoints: RowOf<typeof toTouchpoint>[];
  finalised: RowOf<typeof toStored> | null;
  disputes: RowOf<typeof toDispute>[];
  settings: RowOf<typeof toSettings> | null;
  original_deal_id: string | null;
};

/*
 * One statement for the whole card. The embedded database runs one query at a time for every
 * request in the process, so at HubSpot's 20 concurrent fetches the number of statements per view,
 * not their size, decides the latency. Rows come back as JSON with their column names and go
 * through the repositories' own converters. The deal is found by HubSpot's id first, then by ours.
 */
const CARD_SQL = `
SELECT
  row_to_json(d) AS deal,
  (SELECT coalesce(json_agg(r), '[]'::json) FROM registrations r
    WHERE r.tenant_id = $1 AND (r.deal_id = d.id OR (r.account_id = d.account_id AND r.deal_id IS NULL))
  ) AS registrations,
  (SELECT coalesce(json_agg(g), '[]'::json)
     FROM registration_governance g JOIN registrations r ON r.tenant_id = g.tenant_id AND r.id = g.registration_id
    WHERE g.tenant_id = $1 AND (r.deal_id = d.id OR (r.account_id = d.account_id AND r.deal_id IS NULL))
  ) AS governance,
  (SELECT coalesce(json_agg(p ORDER BY p.id), '[]'::json) FROM partners p WHERE p.tenant_id = $1) AS partners,
  (SELECT coalesce(json_agg(u ORDER BY u.id), '[]'::json) FROM users u WHERE u.tenant_id = $1) AS users,
  (SELECT coalesce(json_agg(t ORDER BY t.occurred_at, t.id), '[]'::json) FROM touchpoints t
    WHERE t.tenant_id = $1 AND t.deal_id = d.id) AS touchpoints,
  (SELECT row_to_json(a) FROM deal_attributions a WHERE a.tenant_id = $1 AND a.deal_id = d.id) AS finalised,
  (SELECT coalesce(json_agg(x ORDER BY x.opened_at, x.id), '[]'::json) FROM attribution_disputes x
    WHERE x.tenant_id = $1 AND x.deal_id = d.id) AS disputes,
  (SELECT row_to_json(s) FROM attribution_settings s WHERE s.tenant_id = $1 ORDER BY s.version DESC LIMIT 1) AS settings,
  (SELECT original_deal_id FROM deal_renewals WHERE tenant_id = $1 AND deal_id = d.id) AS original_deal_id,
  ${syncHealthColumns('$1', "'deals'", 'd.crm_id')}
FROM (
  SELECT * FROM deals WHERE tenant_id = $1 AND (crm_id = $2 OR id = $2) ORDER BY (crm_id = $2) DESC LIMIT 1
) d`;

export const dealCardRepository = ({ tenantId, db }: TenantScope) => ({
  /** Undefined when the tenant has no such deal (by HubSpot id or Entente id). */
  async load(dealRef: string): Promise<DealCardRecords | undefined> {
    const { rows } = await db.query<CardRow>(CARD_SQL, [tenantId, dealRef]);
    const row = rows[0];
    if (!row?.deal) return undefined;
    return {
      deal: toDeal(row.deal),
      registrations: row.registrations.map(toRegistration),
      governance: row.governance.map(toState),
      partners: row.partners.map(toPartner),
      users: row.users.map(toUser),
      touchpoints: row.touchpoints.map(toTouchpoint),
      finalised: row.finalised ? toStored(row.finalised) : undefined,
      disputes: row.disputes.map(toDispute),
      settings: row.settings ? toSettings(row.settings) : undefined,
      originalDealId: row.original_deal_id ?? undefined,
      sync: syncHealthOf(row),
    };
  },
});
export type DealCardRepository = ReturnType<typeof dealCardRepository>;
