import https from 'node:https';

// jest.setup.cjs keeps tests off the network; these prove it, so a change there cannot silently
// let a test call a real API.
describe('the test network guard', () => {
  it('When a test calls a real host with https, then the call fails before leaving the machine', async () => {
    await expect(
      new Promise((resolve, reject) => https.get('https://api.hubapi.com/', resolve).on('error', reject)),
    ).rejects.toThrow(/Tests may not reach api\.hubapi\.com/);
  });

  it('When a test calls a real host with fetch, then the call fails before leaving the machine', async () => {
    await expect(fetch('https://login.salesforce.com/')).rejects.toMatchObject({
      cause: expect.objectContaining({
        message: expect.stringMatching(/Tests may not reach login\.salesforce\.com/),
      }),
    });
  });
});
