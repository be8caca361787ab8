import { isoDateSchema, isoDateTimeSchema } from './ids.js';

describe('dates and times that come in', () => {
  it('When a date or time is in the year 0000, then it is refused; ordinary ones pass', () => {
    expect(isoDateTimeSchema.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(isoDateSchema.safeParse('0000-01-01').success).toBe(false);
    expect(isoDateTimeSchema.safeParse('2026-11-02T09:00:00Z').success).toBe(true);
    expect(isoDateSchema.safeParse('0001-01-01').success).toBe(true);
  });
});
