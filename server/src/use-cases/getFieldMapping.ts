import type { AppContext } from '../appContext.js';
import {
  currentMapping,
  versionViews,
  type FieldMappingState,
  type FieldMappingVersionView,
} from './fieldMapping/fieldMappingViews.js';

export type FieldMappingOverview = { current: FieldMappingState; history: FieldMappingVersionView[] };

/**
 * The tenant's CRM field mapping: what each field reads now (and the types it accepts), and the
 * last saved versions, newest first, with who saved each and when.
 */
export const getFieldMapping = async (
  ctx: AppContext,
  tenantId: string,
  { limit = 20 }: { limit?: number } = {},
): Promise<FieldMappingOverview> => {
  const scoped = ctx.store.forTenant(tenantId);
  const history = await versionViews(scoped, await scoped.fieldMappingVersions.history(limit));
  return { current: await currentMapping(scoped, history[0]), history };
};
