/** Small conversions between PostgreSQL rows and domain values, shared by the repositories. */
export const isoOrNull = (value: unknown): string | null =>
  value === null || value === undefined ? null : toIso(value);

export const toIso = (value: unknown): string => {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
};

export const json = (value: unknown): string => JSON.stringify(value);
