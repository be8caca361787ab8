import { isDomainError } from '../errors/index.js';
import { canTransition, transition } from './lifecycle.js';

describe('the registration lifecycle', () => {
  it('When a registration goes through review to approval, extension and a win, then each step is allowed', () => {
    let status = transition('submitted', 'start_review');
    status = transition(status, 'approve');
    status = transition(status, 'extend');
    expect(transition(status, 'win')).toBe('won');
  });

  it('When more information is requested, then the partner can resubmit', () => {
    expect(transition(transition('in_review', 'request_info'), 'resubmit')).toBe('submitted');
  });

  // The HTTP status (409) is the API's: server/src/http/errorStatus.ts maps the code.
  it('When a decided registration is withdrawn, then REGISTRATION.ILLEGAL_TRANSITION names what is allowed', () => {
    expect.assertions(3);
    try {
      transition('approved', 'withdraw');
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('REGISTRATION.ILLEGAL_TRANSITION');
      expect((error as Error).message).toMatch(/extend/);
    }
    expect(canTransition('info_requested', 'withdraw')).toBe(true);
  });

  it('When a registration is final, then nothing moves it', () => {
    for (const status of ['expired', 'withdrawn', 'won', 'lost'] as const)
      expect(() => transition(status, 'approve')).toThrow(/final/);
  });
});
