import type { AppContext } from '../../appContext.js';
import { getFieldMapping } from '../getFieldMapping.js';
import { previewFieldMapping } from '../previewFieldMapping.js';
import { updateFieldMapping } from '../updateFieldMapping.js';
import { type CardCaller, requireAdmin } from './cardRequest.js';

/** The settings page's field mapping: what each field reads now, and the saved versions (admin). */
export const getFieldMappingFromCard = async (ctx: AppContext, caller: CardCaller) => {
  requireAdmin(caller);
  return getFieldMapping(ctx, caller.tenantId);
};

/** What the candidate mapping would read from a few records, before saving (admin; stores nothing). */
export const previewFieldMappingFromCard = async (
  ctx: AppContext,
  caller: CardCaller,
  overrides: unknown,
) => {
  const user = requireAdmin(caller);
  return previewFieldMapping(ctx, { tenantId: caller.tenantId, actorUserId: user.id, overrides });
};

/** Saves the mapping as the next version (admin; validated against HubSpot, audited). */
export const saveFieldMappingFromCard = async (ctx: AppContext, caller: CardCaller, overrides: unknown) => {
  const user = requireAdmin(caller);
  const saved = await updateFieldMapping(ctx, {
    tenantId: caller.tenantId,
    actorUserId: user.id,
    overrides,
  });
  return { ...saved, history: (await getFieldMapping(ctx, caller.tenantId)).history };
};
