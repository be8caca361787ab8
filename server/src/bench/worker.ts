import { benchmarks } from './benchmarks.js';

/**
 * Runs one benchmark in this process and prints its outcome as one JSON line on stdout. The suite
 * starts a fresh process per benchmark so that each one's peak RSS and JIT state are its own.
 */
const [name, ...flags] = process.argv.slice(2);
const benchmark = benchmarks.find((b) => b.name === name);
if (!benchmark) {
  console.error(`unknown benchmark ${name}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
  process.exit(2);
}
const started = performance.now();
try {
  const outcome = await benchmark.run({ quick: flags.includes('--quick') });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(
    `\n${JSON.stringify({ ok: true, seconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), ...outcome })}\n`,
  );
  process.exit(0);
} catch (error) {
  process.stdout.write(
    `\n${JSON.stringify({ ok: false, error: (error as Error).stack ?? String(error) })}\n`,
  );
  process.exit(1);
}
