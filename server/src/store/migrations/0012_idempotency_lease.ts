/**
 * An `Idempotency-Key` claim gets a lease: `claimed_at` is when the request running it claimed the
 * key, on the service clock. A claim whose process died (killed before it stored a result or let the
 * key go) is taken over by the same request once the lease has run out, instead of answering 409
 * for ever. Claims already stored count from when they were made, so a key left stuck before this
 * migration can be retried at once.
 */
export const sql = `
ALTER TABLE idempotency_keys ADD COLUMN claimed_at timestamptz;
UPDATE idempotency_keys SET claimed_at = created_at;
ALTER TABLE idempotency_keys ALTER COLUMN claimed_at SET NOT NULL;
`;
