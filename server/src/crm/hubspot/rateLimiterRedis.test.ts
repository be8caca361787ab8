import { randomBytes } from 'node:crypto';
import { createRateLimiters } from './rateLimiter.js';

const redisUrl = process.env.REDIS_URL;
jest.setTimeout(30_000);
const describeWithRedis = redisUrl ? describe : describe.skip;

/** Two service instances, one portal: the budget is shared through Redis, not doubled. */
describeWithRedis('HubSpot rate limiters clustered through Redis', () => {
  it('When two instances spend one portal budget, then each sees what the other used', async () => {
    const keyPrefix = `entente-test-${randomBytes(4).toString('hex')}`;
    const options = { requestsPer10s: 5, searchPerSecond: 5, maxConcurrent: 2, redisUrl, keyPrefix };
    const a = createRateLimiters(options);
    const b = createRateLimiters(options);
    try {
      await a.schedule('t1', 'standard', async () => 'x');
      await a.schedule('t1', 'standard', async () => 'x');
      await b.schedule('t1', 'standard', async () => 'x');
      expect(await b.limiterFor('t1', 'standard').currentReservoir()).toBe(2);
      expect(await a.limiterFor('t1', 'standard').currentReservoir()).toBe(2);
      // Another portal has its own budget.
      expect(await b.limiterFor('t2', 'standard').currentReservoir()).toBe(5);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
