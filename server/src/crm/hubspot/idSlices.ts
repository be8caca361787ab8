/**
 * Disjoint id ranges of one object type, read concurrently by the backfill.
 *
 * HubSpot's list endpoint pages in ascending id order and its `after` cursor is an id: a page
 * holds the records whose id is at or past it. So a list read can start anywhere in the id space,
 * but it cannot be told where to stop; a slice stops itself at the first id that belongs to the
 * next slice, and drops records outside its bounds, so two slices never return the same record
 * whether HubSpot treats `after` as inclusive or exclusive. The first slice has no lower bound and
 * the last none above, so records created during the backfill (new, higher ids) are still read.
 */
export type IdSlice = {
  /** What to send as `after`; undefined reads from the first record. */
  after: string | undefined;
  /** Lowest id that belongs to this slice (inclusive). */
  from: number | undefined;
  /** First id that belongs to the next slice (exclusive). */
  to: number | undefined;
};

const PREFIX = 'slice:';

const part = (value: string | undefined) => (value ? Number(value) : undefined);

export const isSliceCursor = (cursor: string | undefined): cursor is string =>
  cursor?.startsWith(PREFIX) ?? false;

export const encodeSlice = (slice: IdSlice): string =>
  `${PREFIX}${slice.after ?? ''}:${slice.from ?? ''}:${slice.to ?? ''}`;

export const decodeSlice = (cursor: string): IdSlice => {
  const [after, from, to] = cursor.slice(PREFIX.length).split(':');
  return { after: after || undefined, from: part(from), to: part(to) };
};

export const inSlice = (slice: IdSlice, id: string): boolean => {
  const value = Number(id);
  return (slice.from === undefined || value >= slice.from) && (slice.to === undefined || value < slice.to);
};

/** The slice's cursor after a page whose `paging.next.after` was `next`; undefined when it is done. */
export const nextInSlice = (slice: IdSlice, next: string | undefined): string | undefined => {
  if (next === undefined) return undefined;
  if (slice.to !== undefined && Number(next) >= slice.to) return undefined;
  return encodeSlice({ ...slice, after: next });
};

/**
 * Splits [first, last] into `ways` equal id ranges. HubSpot ids grow with creation time, so equal
 * ranges hold similar numbers of records when records were created at a steady pace; uneven
 * density only makes some slices finish earlier, never loses or repeats a record.
 */
export const planSlices = (first: number, last: number, ways: number): string[] => {
  const count = Math.max(1, Math.min(ways, last - first + 1));
  const step = (last - first + 1) / count;
  const bounds = Array.from({ length: count - 1 }, (_, i) => first + Math.round((i + 1) * step));
  return Array.from({ length: count }, (_, i) => {
    const from = i === 0 ? undefined : bounds[i - 1];
    const to = i === count - 1 ? undefined : bounds[i];
    // One below the bound, so the bound itself is read whether `after` is inclusive or not.
    return encodeSlice({ after: from === undefined ? undefined : String(from - 1), from, to });
  });
};
