/** The `associations` block of a v3 read: per target type, up to 100 `{ id, type }` and a cursor. */
export type InlineAssociationBlock = Record<
  string,
  { results: { id: string; type: string }[]; paging?: { next?: { after?: string } } }
>;

/** v3 names the primary deal→company association (type id 5) this way. */
const PRIMARY_TYPES = new Set(['deal_to_company']);

/**
 * The associated ids of one target type as a read returned them, primary first and each id once.
 * `truncated` says HubSpot cut the list (more than 100) and the rest must be read separately.
 */
export const inlineAssociations = (
  record: { associations?: InlineAssociationBlock },
  to: string,
): { ids: string[]; truncated: boolean } => {
  const block = record.associations?.[to];
  if (!block) return { ids: [], truncated: false };
  const primary = block.results.filter((r) => PRIMARY_TYPES.has(r.type)).map((r) => r.id);
  const ids = [...new Set([...primary, ...block.results.map((r) => r.id)])];
  return { ids, truncated: block.paging?.next?.after !== undefined };
};
