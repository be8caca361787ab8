import type { AppContext } from '../appContext.js';
import {
  keepDealSignals,
  parseFieldMappingOverrides,
  resolveFieldMapping,
  type FieldMapping,
  type FieldMappingOverrides,
} from '../crm/hubspot/fieldMapping.js';
import { isMappingAdmin, mappingAdminOnly, mappingContext } from './fieldMapping/fieldMappingAccess.js';
import { storedOverrides } from './fieldMapping/fieldMappingViews.js';

export type UpdateFieldMappingInput = {
  tenantId: string;
  /** The admin making the change (an admin token names them with `actingUserId`). */
  actorUserId: string;
  /**
   * The overrides in force afterwards (all of them, not a difference); `{}` is the defaults. The
   * renewal and outcome sections are kept when left out (the settings page edits fields only).
   */
  overrides: unknown;
};

export type UpdateFieldMappingResult = {
  /** The version now in force. */
  version: number;
  previousVersion: number | null;
  overrides: FieldMappingOverrides;
  mapping: FieldMapping;
  changedBy: string;
  changedAt: string;
  /** False when these overrides were already in force: nothing was stored or audited. */
  changed: boolean;
};

/**
 * What the admin sends, with the renewal and outcome sections in force kept where the body leaves
 * them out (so a surface that edits fields only does not clear them).
 */
export const requestedOverrides = async (
  ctx: Pick<AppContext, 'store'>,
  tenantId: string,
  input: unknown,
): Promise<FieldMappingOverrides> =>
  keepDealSignals(
    parseFieldMappingOverrides(input),
    storedOverrides((await ctx.store.forTenant(tenantId).crmSync.settings()).fieldMapping),
  );

/** Key order does not make two mappings different. */
const canonical = (overrides: FieldMappingOverrides): string =>
  JSON.stringify(
    Object.fromEntries(
      Object.entries(overrides)
        .filter(([, fields]) => fields && Object.keys(fields).length > 0)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([object, fields]) => [
          object,
          Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))),
        ]),
    ),
  );

/**
 * An admin points deal, company and contact fields at other CRM properties, and says which deals
 * are renewals (pipelines, a property) and which deal properties record partner outcomes. The overrides are
 * checked with zod and against the CRM's real properties and their types (through the tenant's
 * CRM port, before any transaction), then, in one transaction, stored as the next version, made
 * the mapping in force and audited (`crm.field_mapping_changed`). Ports are built per use (one per
 * job or request), so every later read maps with the new version; records already stored keep the
 * values they were read with until they are read again (a change, reconciliation or a backfill).
 */
export const updateFieldMapping = async (
  ctx: AppContext,
  input: UpdateFieldMappingInput,
): Promise<UpdateFieldMappingResult> => {
  const { port } = await mappingContext(ctx, input.tenantId, input.actorUserId);
  const overrides = await requestedOverrides(ctx, input.tenantId, input.overrides);
  await port.validateMapping(overrides);
  const mapping = resolveFieldMapping(overrides);
  const now = ctx.now();
  return ctx.store.inTransaction(input.tenantId, async (tx) => {
    // The actor's row is among the locked ones when they are an admin, so the check holds to commit.
    const admins = await tx.users.lockActiveAdmins();
    const actor = admins.includes(input.actorUserId) ? await tx.users.get(input.actorUserId) : undefined;
    if (!isMappingAdmin(actor)) throw mappingAdminOnly(input.actorUserId);
    const next = await tx.fieldMappingVersions.lockNextVersion();
    const latest = await tx.fieldMappingVersions.latest();
    const previous = storedOverrides((await tx.crmSync.settings()).fieldMapping);
    if (latest && canonical(previous) === canonical(overrides))
      return {
        version: latest.version,
        previousVersion: latest.version,
        overrides,
        mapping,
        changedBy: latest.changedBy,
        changedAt: latest.changedAt,
        changed: false,
      };
    const stored = await tx.fieldMappingVersions.append({
      version: next,
      mapping: overrides,
      changedBy: input.actorUserId,
      changedAt: now.toISOString(),
    });
    await tx.crmSync.saveFieldMapping(overrides);
    await tx.governance.appendAudit({
      type: 'crm.field_mapping_changed',
      actor: input.actorUserId,
      subject: `crm_field_mapping:${stored.version}`,
      payload: {
        fromVersion: latest?.version ?? null,
        toVersion: stored.version,
        from: previous,
        to: overrides,
      },
      at: now,
    });
    return {
      version: stored.version,
      previousVersion: latest?.version ?? null,
      overrides,
      mapping,
      changedBy: stored.changedBy,
      changedAt: stored.changedAt,
      changed: true,
    };
  });
};
