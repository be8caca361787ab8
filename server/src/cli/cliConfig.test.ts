import { handleStopSignals } from './cliConfig.js';

/** The signals are emitted in-process: the handlers see them as they would a real SIGTERM. */
describe('commands stop on SIGINT and SIGTERM', () => {
  const listeners = () => process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  const setUp = (options: { onStop?: boolean; graceMs?: number } = {}) => {
    const calls: string[] = [];
    const release = handleStopSignals({
      ...(options.onStop ? { onStop: (signal: string) => calls.push(`stop ${signal}`) } : {}),
      graceMs: options.graceMs ?? 10_000,
      close: async () => {
        calls.push('close');
      },
      exit: (code) => calls.push(`exit ${code}`),
    });
    return { calls, release };
  };

  it('When SIGTERM arrives during work that can wind down, then it is asked to stop and nothing is closed under it', async () => {
    const before = listeners();
    const { calls, release } = setUp({ onStop: true });
    expect(listeners()).toBe(before + 2);
    process.emit('SIGTERM');
    await settle();
    expect(calls).toEqual(['stop SIGTERM']);
    // The work ends by itself: the handlers go with it, and the grace timer never fires.
    release();
    expect(listeners()).toBe(before);
    await settle();
    expect(calls).toEqual(['stop SIGTERM']);
  });

  it('When the work does not wind down within the grace period, then what it opened is closed and it exits 143', async () => {
    const { calls, release } = setUp({ onStop: true, graceMs: 30 });
    process.emit('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toEqual(['stop SIGTERM', 'close', 'exit 143']);
    release();
  });

  it('When a second signal arrives, then it closes and exits at once (130 for SIGINT)', async () => {
    const { calls, release } = setUp({ onStop: true });
    process.emit('SIGINT');
    process.emit('SIGINT');
    await settle();
    expect(calls).toEqual(['stop SIGINT', 'close', 'exit 130']);
    release();
  });

  it('When a command cannot wind down by itself, then the first signal closes and exits', async () => {
    const { calls, release } = setUp();
    process.emit('SIGTERM');
    await settle();
    expect(calls).toEqual(['close', 'exit 143']);
    release();
  });
});
