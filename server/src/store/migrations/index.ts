import * as core from './0001_core.js';
import * as jobKinds from './0002_job_kinds.js';
import * as apiKeys from './0010_api_keys.js';
import * as governance from './0011_governance.js';
import * as idempotencyLease from './0012_idempotency_lease.js';
import * as partnerOnboarding from './0014_partner_onboarding.js';
import * as fourEyesPublishGate from './0015_four_eyes_publish_gate.js';
import * as intakeSessions from './0016_intake_sessions.js';
import * as hubspotConnector from './0020_hubspot_connector.js';
import * as syncState from './0021_sync_state.js';
import * as inboxQuarantine from './0022_inbox_quarantine.js';
import * as fieldMappingVersions from './0023_field_mapping_versions.js';
import * as accountDetails from './0024_account_details.js';
import * as attribution from './0030_attribution.js';
import * as touchpointProvenance from './0031_touchpoint_provenance.js';
import * as renewalsOutcomesTiers from './0033_renewals_outcomes_tiers.js';

export type Migration = { version: number; name: string; sql: string };

/**
 * The schema's history, oldest first. Never edit an applied migration (its checksum is recorded):
 * add a new one with the next version. Migrations are TypeScript modules so the build ships them.
 * Each capability owns a range of versions (1–9 core, 10–19 governance, 20–29 CRM sync, 30–39
 * attribution), so capabilities can add migrations independently.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'core', sql: core.sql },
  { version: 2, name: 'job_kinds', sql: jobKinds.sql },
  { version: 10, name: 'api_keys', sql: apiKeys.sql },
  { version: 11, name: 'governance', sql: governance.sql },
  { version: 12, name: 'idempotency_lease', sql: idempotencyLease.sql },
  { version: 14, name: 'partner_onboarding', sql: partnerOnboarding.sql },
  { version: 15, name: 'four_eyes_publish_gate', sql: fourEyesPublishGate.sql },
  { version: 16, name: 'intake_sessions', sql: intakeSessions.sql },
  { version: 20, name: 'hubspot_connector', sql: hubspotConnector.sql },
  { version: 21, name: 'sync_state', sql: syncState.sql },
  { version: 22, name: 'inbox_quarantine', sql: inboxQuarantine.sql },
  { version: 23, name: 'field_mapping_versions', sql: fieldMappingVersions.sql },
  { version: 24, name: 'account_details', sql: accountDetails.sql },
  { version: 30, name: 'attribution', sql: attribution.sql },
  { version: 31, name: 'touchpoint_provenance', sql: touchpointProvenance.sql },
  { version: 33, name: 'renewals_outcomes_tiers', sql: renewalsOutcomesTiers.sql },
];
