import { ConfigError, loadConfig, type Config } from '../config/config.js';
import type { Database } from '../store/database.js';
import { openDatabase } from '../store/openDatabase.js';

/** Commands exit with 2 on bad configuration, naming every bad variable (the message lists them). */
export const loadConfigOrExit = (env: Readonly<Record<string, string | undefined>> = process.env): Config => {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
};

type StopSignal = 'SIGINT' | 'SIGTERM';
/** The shell's convention: 128 + the signal's number. */
const SIGNAL_EXIT_CODE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };
/** How long closing may take on a forced stop before the process exits regardless. */
const CLOSE_TIMEOUT_MS = 5_000;

export type StopSignalOptions = {
  /**
   * For work that can stop at a safe point by itself (a backfill between pages): called on the
   * first SIGINT or SIGTERM. Without it, the first signal stops the command at once.
   */
  onStop?: (signal: StopSignal) => void;
  /** How long `onStop` work may take to wind down before the command is stopped anyway. */
  graceMs?: number;
  /** Closes what the command opened (database, connector, simulator); runs before a forced exit. */
  close: () => Promise<void>;
  /** The process's exit; tests pass their own. */
  exit?: (code: number) => void;
};

/**
 * Makes a command stop on SIGINT and SIGTERM instead of ignoring them: the first signal asks the
 * work to wind down (`onStop`), and a second one, the end of the grace period, or a command with no
 * `onStop` closes what it opened and exits 130 (SIGINT) or 143 (SIGTERM). Returns a function that
 * removes the handlers once the command has finished on its own.
 */
export const handleStopSignals = (options: StopSignalOptions): (() => void) => {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let signals = 0;
  let grace: NodeJS.Timeout | undefined;
  let forcing = false;
  const force = async (signal: StopSignal) => {
    if (forcing) return;
    forcing = true;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
    });
    try {
      await Promise.race([options.close().catch(() => undefined), timedOut]);
    } finally {
      clearTimeout(timer);
      exit(SIGNAL_EXIT_CODE[signal]);
    }
  };
  const listener = (signal: StopSignal) => {
    signals += 1;
    if (signals === 1 && options.onStop) {
      options.onStop(signal);
      grace = setTimeout(() => void force(signal), options.graceMs ?? 10_000);
      grace.unref();
      return;
    }
    void force(signal);
  };
  const onSigint = () => listener('SIGINT');
  const onSigterm = () => listener('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  return () => {
    clearTimeout(grace);
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  };
};

/**
 * A command that has closed what it opened ends by itself. If a handle still keeps the process
 * alive (an idle keep-alive socket, a timer in a library), it is ended anyway after a moment, and
 * says so, rather than hanging.
 */
export const exitSoonIfStillRunning = (ms = 2_000): void => {
  setTimeout(() => {
    console.error('entente: something was still open after the command finished; exiting anyway');
    process.exit(process.exitCode ?? 0);
  }, ms).unref();
};

/**
 * Opens the configured store for one command and always closes it (releasing the data dir lock),
 * also when the command is stopped with SIGINT or SIGTERM.
 */
export const withDatabase = async <T>(config: Config, work: (db: Database) => Promise<T>): Promise<T> => {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let closing: Promise<void> | undefined;
  const close = () => (closing ??= db.close());
  const release = handleStopSignals({ close });
  try {
    return await work(db);
  } finally {
    release();
    await close();
  }
};
