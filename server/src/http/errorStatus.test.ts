import { statusOf } from './errorStatus.js';

describe('statusOf', () => {
  it('When a code is listed, then its status is the one the table gives', () => {
    expect(statusOf('REQUEST.NOT_FOUND')).toBe(404);
    expect(statusOf('GOVERNANCE.NOT_NEUTRAL')).toBe(403);
    expect(statusOf('REGISTRATION.DECIDED_CONCURRENTLY')).toBe(409);
    expect(statusOf('REGISTRATION.ILLEGAL_TRANSITION')).toBe(409);
    expect(statusOf('CRM.RATE_LIMITED')).toBe(429);
  });

  it('When a signature is refused for any reason, then the answer is 401', () => {
    expect(statusOf('WEBHOOK.SIGNATURE_MISSING')).toBe(401);
    expect(statusOf('CARDS.SIGNATURE_EXPIRED')).toBe(401);
  });

  it('When a code is not listed, then it is a bad request', () => {
    expect(statusOf('MATCH.INVALID_CSV')).toBe(400);
  });
});
