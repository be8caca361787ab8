import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { benchmarks } from '../../bench/benchmarks.js';
import { runSuite } from '../../bench/runSuite.js';

export const register = (program: Command): void => {
  program
    .command('bench')
    .description('Run the benchmark suite and write every key to one JSON file')
    .option('--quick', 'reduced sizes (a few minutes on a 2-core machine); still computes every key')
    .option('--out <file>', 'where to write the results', 'bench/results.json')
    .option(
      '--only <names>',
      `comma-separated benchmarks to run (${benchmarks.map((b) => b.name).join(', ')})`,
    )
    .action(async (options: { quick?: boolean; out: string; only?: string }) => {
      const results = await runSuite({
        quick: Boolean(options.quick),
        only: options.only?.split(',').map((name) => name.trim()),
        log: (line) => process.stderr.write(`${line}\n`),
      });
      const out = resolve(options.out);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
      process.stderr.write(`results written to ${out}\n`);
      if (Object.values(results.keys).some((entry) => 'error' in entry)) process.exitCode = 1;
    });
};
