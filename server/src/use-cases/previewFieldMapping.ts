import type { AppContext } from '../appContext.js';
import type { MappingPreview } from '../crm/crmPort.js';
import { resolveFieldMapping, type FieldMapping } from '../crm/hubspot/fieldMapping.js';
import { mappingContext } from './fieldMapping/fieldMappingAccess.js';
import { requestedOverrides } from './updateFieldMapping.js';

export const PREVIEW_RECORDS = 5;

export type FieldMappingPreview = MappingPreview & { mapping: FieldMapping };

/**
 * What a candidate mapping would read, before an admin saves it: it is checked like a save (zod,
 * then the CRM's properties and their types), then a few deals, companies and contacts are read
 * from the CRM with it and mapped as the sync would store them (with whether each deal is a renewal
 * and the outcomes it records). Nothing is stored.
 */
export const previewFieldMapping = async (
  ctx: AppContext,
  input: { tenantId: string; actorUserId: string; overrides: unknown; limit?: number },
): Promise<FieldMappingPreview> => {
  const { port } = await mappingContext(ctx, input.tenantId, input.actorUserId);
  const overrides = await requestedOverrides(ctx, input.tenantId, input.overrides);
  const preview = await port.previewMapping(overrides, input.limit ?? PREVIEW_RECORDS);
  return { mapping: resolveFieldMapping(overrides), ...preview };
};
